// stageRelsInParallel (loaders/csv_parallel.h): the threads, the order of writing, and the
// check that each chunk starts where the records of the one before it ended.
#include "loaders/csv_parallel.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "engine/csv_chunks.h"
#include "loaders/csv_rel_chunk.h"

namespace silkgraph::load {

namespace {

// Writes parsed chunks into the graph in file order, row by row as Stage::endRel would.
class ChunkWriter {
 public:
  ChunkWriter(Stage& stage, Graph& graph, const CsvHeader& header, const RelFileRange& range)
      : stage_(stage),
        graph_(graph),
        header_(header),
        range_(range),
        next_(range.begin),
        nextCR_(range.afterCR),
        line_(range.firstLine),
        keys_(header.columns.size(), kNoKey),
        delimiter_(stage.arrayDelimiter()) {}

  // Writes the next chunk of the file; throws the first error, placed in the file.
  void write(RelChunk& c, RelChunkParser& parser) {
    if (c.begin != next_ || c.cut) {
      // It started inside a record (a line break in a quoted field) or read too far ahead:
      // the range again, from where the records continue.
      c.reset(next_, std::max(next_, c.limit), nextCR_);
      parser.parse(c, UINT64_MAX);
    }
    types_.assign(c.types.size(), kNoType);
    size_t named = 0;  // types of c given graph ids so far
    auto typesUpTo = [&](size_t row) {
      for (; named < c.types.size() && c.types[named].firstRow <= row; ++named)
        types_[named] = internType(c.types[named]);
    };
    // Each of the chunk's strings interned once, when a row first has it. A chunk with lists
    // of strings interns its strings row by row, with the lists' elements in column order,
    // so that the dictionary's ids are those of a one-thread load.
    stringIds_.assign(c.strings.size(), StringIndex::kNone);
    for (size_t i = 0; i < c.rels.size(); ++i) {
      const RelChunk::Rel& r = c.rels[i];
      typesUpTo(i);
      row_.clear();
      strings_.clear();
      for (uint32_t p = r.propBegin; p < r.propBegin + r.propCount; ++p) {
        const RelChunk::Prop& prop = c.props[p];
        KeyId& key = keys_[prop.column()];
        if (key == kNoKey) key = graph_.internKey(header_.columns[prop.column()].name);
        if (prop.kind() != Cell::Kind::String) {
          RelProp& q = row_.emplace_back();
          q.key = key;
          prop.toCell(q.value, delimiter_);
          continue;
        }
        const std::string_view text = c.strings[prop.stringIndex()];
        if (c.stringLists) {
          Cell cell;
          cell.kind = Cell::Kind::String;
          cell.text = text;
          row_.push_back({key, cell});
          continue;
        }
        uint32_t& id = stringIds_[prop.stringIndex()];
        if (id == StringIndex::kNone) id = graph_.internStringId(text);
        strings_.push_back({key, id});
      }
      appendRel(graph_, r.src, r.dst, types_[r.type], row_.data(), row_.size(), c.boxed,
                strings_.data(), strings_.size());
    }
    written_ += c.rels.size();
    if (c.error) {
      typesUpTo(c.rels.size());  // the failing row's type comes first, as with one thread
      try {
        std::rethrow_exception(c.error);
      } catch (Error& e) {
        e.offsetPosition(line_ - 1, 0);
        throw;
      }
    }
    if (!reserved_ && !c.rels.empty() && c.end > c.begin) reserve(c);
    next_ = c.end;
    nextCR_ = c.endCR;
    line_ += c.lines;
    stage_.progressAt(c.end);
  }

  size_t written() const { return written_; }

 private:
  TypeId internType(const RelChunk::Type& t) {
    if (graph_.typeId(t.name) == kNoType && graph_.typeCount() >= kNoType) {
      Error e(ErrorKind::LoadError, tooManyRelTypes(t.name, graph_.typeCount()), t.pos);
      e.setFile(stage_.fileName(range_.file));
      e.offsetPosition(line_ - 1, 0);
      throw e;
    }
    return graph_.internType(t.name);
  }

  // After the first chunk, its size per row tells about how many rows follow: the graph's
  // arrays grow once to that (plus a little), instead of doubling.
  void reserve(const RelChunk& c) {
    reserved_ = true;
    if (range_.bytes <= c.end) return;
    const double perRow = static_cast<double>(c.end - c.begin) / static_cast<double>(c.rels.size());
    const auto more =
        static_cast<size_t>(static_cast<double>(range_.bytes - c.end) / perRow * 1.02);
    std::vector<KeyId> keys;
    for (KeyId k : keys_)
      if (k != kNoKey) keys.push_back(k);
    graph_.reserveRels(static_cast<size_t>(graph_.relIdLimit()) + more, keys);
  }

  Stage& stage_;
  Graph& graph_;
  const CsvHeader& header_;
  RelFileRange range_;
  uint64_t next_;  // where the next record starts
  bool nextCR_;
  uint32_t line_;            // ... and its line
  std::vector<KeyId> keys_;  // by column: the graph's key, once interned
  char delimiter_;
  std::vector<TypeId> types_;
  std::vector<RelProp> row_;
  std::vector<KeyedString> strings_;  // the row's string properties, interned
  std::vector<uint32_t> stringIds_;   // by the chunk's string index: its dictionary id
  size_t written_ = 0;
  bool reserved_ = false;
};

// The threads' shared state: chunk k is parsed into slot k % slots, which is free again
// once chunk k is written.
class Run {
 public:
  Run(Stage& stage, const CsvHeader& header, const RelFileRange& range, Graph& graph,
      std::vector<uint64_t> starts, unsigned threads, uint64_t chunkBytes)
      : stage_(stage),
        header_(header),
        range_(range),
        starts_(std::move(starts)),
        chunkBytes_(chunkBytes),
        slots_(std::min(starts_.size(), size_t{threads} * 2 + 2)),
        chunks_(slots_),
        parsed_(slots_, 0),
        writer_(stage, graph, header, range) {}

  // One thread's share: parse the next chunk, or (the writing thread) write the next ones
  // when they are parsed, until every chunk is written or a write failed. One thread writes
  // every chunk: what writing touches (the graph's growing arrays, the string dictionary)
  // stays in its core's caches.
  void work(bool writes) {
    try {
      RelChunkParser parser(stage_, header_, range_.file);
      std::unique_lock lock(m_);
      const size_t n = starts_.size();
      while (!stop_ && written_ < n) {
        if (writes && parsed_[written_ % slots_]) {
          writeParsed(lock, parser);
        } else if (claimed_ < n && claimed_ < written_ + slots_) {
          const size_t k = claimed_++;
          RelChunk& c = chunks_[k % slots_];
          lock.unlock();
          const uint64_t limit = k + 1 < n ? starts_[k + 1] : UINT64_MAX;
          c.reset(starts_[k], limit, k == 0 && range_.afterCR);
          // The first chunk starts where the data does; another may start inside a quoted
          // field, and then reads no more than a few chunks past its end before it stops.
          const uint64_t hard =
              k == 0 || limit == UINT64_MAX ? UINT64_MAX : limit + 4 * chunkBytes_;
          parser.parse(c, hard);
          lock.lock();
          parsed_[k % slots_] = 1;
          cv_.notify_all();
        } else {
          cv_.wait(lock);
        }
      }
    } catch (...) {  // not a row's error (those are written in order): out of memory, say
      std::lock_guard lock(m_);
      if (!error_) error_ = std::current_exception();
      stop_ = true;
      cv_.notify_all();
    }
  }

  void finish() {
    if (error_) std::rethrow_exception(error_);
    stage_.addWrittenRels(writer_.written());
  }

 private:
  void writeParsed(std::unique_lock<std::mutex>& lock, RelChunkParser& parser) {
    while (!stop_ && written_ < starts_.size() && parsed_[written_ % slots_]) {
      RelChunk& c = chunks_[written_ % slots_];
      lock.unlock();
      std::exception_ptr failed;
      try {
        writer_.write(c, parser);
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      if (failed && !error_) error_ = failed;
      if (failed) stop_ = true;
      parsed_[written_ % slots_] = 0;
      ++written_;
      cv_.notify_all();
    }
  }

  Stage& stage_;
  const CsvHeader& header_;
  const RelFileRange range_;
  const std::vector<uint64_t> starts_;
  const uint64_t chunkBytes_;
  const size_t slots_;
  std::vector<RelChunk> chunks_;
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<uint8_t> parsed_;  // by slot
  size_t claimed_ = 0, written_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
  ChunkWriter writer_;  // used by the caller's thread only
};

}  // namespace

bool worthParallel(const RelFileRange& range, size_t columns, uint64_t chunkBytes) {
  return columns < RelChunk::Prop::kMaxColumns && range.bytes > range.begin &&
         range.bytes - range.begin >= 2 * chunkBytes;
}

void stageRelsInParallel(Stage& stage, const CsvHeader& header, const RelFileRange& range,
                         unsigned threads, uint64_t chunkBytes) {
  Graph& graph = stage.beginParallelRels();
  const std::string& name = stage.fileName(range.file);
  std::vector<uint64_t> starts = csvChunkStarts(name, name, range.begin, range.bytes, chunkBytes);
  const size_t chunks = starts.size();
  Run run(stage, header, range, graph, std::move(starts), threads, chunkBytes);
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads && t < chunks; ++t) {
    try {
      helpers.emplace_back([&run] { run.work(false); });
    } catch (const std::system_error&) {  // no more threads: the ones there are do the work
      break;
    }
  }
  run.work(true);
  for (std::thread& t : helpers) t.join();
  run.finish();
}

}  // namespace silkgraph::load
