// Implements LogStringIndex (engine/wal_strings.h).
#include "engine/wal_strings.h"

#include <string>

#include "engine/error.h"
#include "engine/graph_file_codec.h"
#include "engine/string_dictionary.h"

namespace silkgraph {

namespace {

// Ids go into the table a window at a time, in the order of their slots (StringSlots::
// insertSorted, as StringDictionary::indexPending): a window is a few milliseconds of work,
// so the replaying thread can take one whenever it would wait for the log.
constexpr size_t kWindow = size_t{1} << 17;

}  // namespace

size_t stringsAhead(size_t strings, size_t bytesRead, size_t bytesLeft) {
  if (bytesRead == 0) return 0;
  const double perByte = static_cast<double>(strings) / static_cast<double>(bytesRead);
  return static_cast<size_t>(perByte * static_cast<double>(bytesLeft) * 1.0625);
}

void LogStringIndex::add(const uint8_t* payload, size_t length, size_t end) {
  if (!usable_) return;
  static const std::string kNoPath;
  graph_file::Decoder d(payload, length, kNoPath, "", "log record");
  try {
    d.u64();                                         // sequence
    d.u64();                                         // node id limit
    d.u64();                                         // relationship id limit
    for (int catalog = 0; catalog < 3; ++catalog) {  // labels, types, keys: names skipped
      d.u64();
      for (size_t i = 0, n = d.count(8); i < n; ++i) d.strView();
    }
    if (d.u64() != endId()) {
      usable_ = false;  // replay says what is wrong with the record
      return;
    }
    for (size_t i = 0, n = d.count(8); i < n; ++i) {
      if (filling_.hashes.empty()) filling_.firstId = endId();
      filling_.hashes.push_back(StringDictionary::hash(d.strView()));
      ++added_;
      if (filling_.hashes.size() == kWindow) {
        filling_.end = end;
        queue();
      }
    }
  } catch (const Error&) {
    usable_ = false;
  }
}

void LogStringIndex::queue() {
  std::lock_guard lock(mutex_);
  queued_.push_back(std::move(filling_));
  filling_ = Window{};
}

void LogStringIndex::seal() {
  if (!filling_.hashes.empty()) {
    filling_.end = logBytes_;
    queue();
  }
}

bool LogStringIndex::insertOne(bool wait, size_t queuedAtLeast) {
  std::unique_lock lock(mutex_, std::defer_lock);
  if (wait)
    lock.lock();
  else if (!lock.try_lock())
    return false;
  if (queued_.size() < queuedAtLeast) return false;
  Window w = std::move(queued_.front());
  queued_.pop_front();
  insert(w);
  return true;
}

LogBuffer::Chore LogStringIndex::chore(std::shared_ptr<LogStringIndex> index) {
  // Between pieces of its read the reading thread takes a window only when the replaying one
  // left two or more: when it keeps the queue short, it waits for the read, and the reading
  // thread had better read on.
  return [index = std::move(index)](LogBuffer::ChoreTime when) {
    switch (when) {
      case LogBuffer::ChoreTime::Waiting:
        return index->insertOne(false, 1);
      case LogBuffer::ChoreTime::BetweenPieces:
        return index->insertOne(false, 2);
      case LogBuffer::ChoreTime::ReadEnded:
        index->seal();
        return index->insertOne(true, 1);
    }
    return false;
  };
}

void LogStringIndex::finish() {
  seal();
  while (insertOne(true, 1)) {
  }
}

void LogStringIndex::insert(const Window& w) {
  const size_t held = table_.held() + w.hashes.size();
  table_.reserve(held + (w.end < logBytes_ ? stringsAhead(held, w.end, logBytes_ - w.end) : 0));
  table_.insertSorted(w.hashes.data(), w.hashes.size(), w.firstId,
                      [this](uint32_t held, uint32_t id) {
                        suspects_.emplace_back(held, id);  // compared once the dictionary has them
                        return false;
                      });
}

}  // namespace silkgraph
