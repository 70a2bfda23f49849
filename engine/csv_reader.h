// CSV reader: the bytes -> fields part of reading CSV, an RFC 4180 scanner over a large read
// buffer, knowing nothing of headers or schemas. The loaders (loaders/csv_reader.h adapts it
// to a Stage; csv_header.h, csv_loader.h) and LOAD CSV (query/execution/operators/load_csv.h)
// share it. The field delimiter is ',' unless another one byte is given.
//
// The buffer always holds the whole current record, so fields are views into it (or, for
// quoted fields with "" escapes, into one reused scratch string) described by a reused
// vector: steady-state reading does not allocate per cell. A field's line:col is computed
// only when asked for, from the start of the field's line, which is in the buffer too. When
// a record runs past the end of the buffer, the record is moved to the front, the buffer
// refilled (grown if the record alone fills it), and the record scanned again.
#pragma once

#include <array>
#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "engine/error.h"

namespace silkgraph {

class CsvReader {
 public:
  // Reports a malformed record; must throw. Without one, fail() throws Error{LoadError} at
  // the position, naming the file by `displayName`.
  using FailFn = std::function<void(SourcePos, const std::string&)>;

  // Opens `path` (shown in errors as `displayName`); Error{IOError} when unreadable.
  CsvReader(const std::string& path, std::string displayName, FailFn onFail = {},
            char delimiter = ',');

  // Reads the next record; false at the end of the file (or of the range, see restart).
  // Empty lines are skipped.
  bool next();

  // Reads a range of the file from now on, for threads that parse chunks of one file
  // (engine/csv_chunks.h): the records that start in [begin, limit). `begin` starts a line,
  // which is line 1 of the positions reported; `afterCR` says the byte before it is a '\r'
  // (a '\n' at begin completes that line break). A record that starts before `limit` is read
  // to its end, past limit; but no byte at or after `hardLimit` is read: a record that would
  // need one ends there as at the end of the file, and cut() says so from then on.
  void restart(uint64_t begin, uint64_t limit, uint64_t hardLimit = UINT64_MAX,
               bool afterCR = false);
  bool cut() const { return cut_; }
  // The last record ended at a '\r' whose '\n' is not read yet (restart's afterCR for the
  // next range).
  bool pendingCR() const { return prevCR_; }

  size_t size() const { return fields_.size(); }
  // File bytes read up to the end of the current record.
  uint64_t offset() const { return consumed_ + pos_; }
  std::string_view text(size_t i) const { return {fields_[i].data, fields_[i].len}; }
  bool quoted(size_t i) const { return fields_[i].quoted; }
  // Where field i starts (its opening quote for a quoted field).
  SourcePos pos(size_t i) const { return at(fields_[i].at, fields_[i].line, fields_[i].lineStart); }
  // Strings reach the graph and the terminal as they are, so bad bytes are caught here.
  void checkUtf8() const;
  SourcePos rowPos() const { return fields_.empty() ? SourcePos{line_, 1} : pos(0); }
  [[noreturn]] void fail(SourcePos pos, const std::string& msg) const;
  const std::string& displayName() const { return name_; }
  // The line the next record starts on (after next(): the line after the current record).
  uint32_t line() const { return line_; }

 private:
  struct Field {
    const char* data = nullptr;
    uint32_t len = 0;
    uint32_t line = 0;
    size_t at = 0, lineStart = 0;  // buffer offsets of the field and of its line
    bool quoted = false, escaped = false;
  };

  // Columns count code points; a pure-ASCII record (the common case) needs no counting.
  SourcePos at(size_t offset, uint32_t line, size_t lineStart) const {
    if (ascii_) return {line, static_cast<uint32_t>(offset - lineStart + 1)};
    uint32_t col = 1;
    for (size_t i = lineStart; i < offset; ++i)
      if (text::isLeadByte(buf_[i])) ++col;
    return {line, col};
  }

  // Appends file data after end_, first moving the record in progress (from pos_) to the
  // front, growing the buffer when that record fills it. False at the end of the file.
  bool fill();
  // Scans the record starting at pos_. Returns false when it needs more data (the caller
  // refills and scans again from the record start); at the end of the file the record ends.
  bool scan();
  bool finish(size_t next, size_t recStart, bool cr);

  uint64_t consumed_ = 0;                                 // file bytes before buf_[0]
  uint64_t limit_ = UINT64_MAX, hardLimit_ = UINT64_MAX;  // restart()
  bool cut_ = false;
  std::ifstream in_;
  std::string name_;
  FailFn onFail_;
  char delim_;
  std::array<uint8_t, 256> class_{};  // byte classes of the scanner (kPlainStop, kQuotedStop)
  // The read buffer, not zeroed: a small file touches only the pages its bytes fill (a zeroed
  // 1 MiB vector cost every reader 256 page faults, also for a 100-byte file).
  std::unique_ptr<char[]> buf_;
  size_t cap_ = 0;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  uint32_t line_ = 1;
  bool prevCR_ = false, ascii_ = true;
  std::string scratch_;
  std::vector<Field> fields_;
};

}  // namespace silkgraph
