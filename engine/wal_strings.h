// LogStringIndex: the strings a log's records add (record format 3, engine/wal_redo.h), put
// in a table of their own while replay applies the records: the thread that reads the log
// (LogBuffer::readInBackground) hashes each record's strings as it checks it (recordChecker)
// and queues them a window at a time; a window goes into the table on whichever thread has
// time: the replaying one while it waits for the log to be read, the reading one between
// pieces of the read when windows pile up, and once the read has ended (LogBuffer::Chore).
// At the end the dictionary takes the table over (StringDictionary::adoptPending) instead of
// indexing the strings then, which was a sixth of a replay's time (docs/benchmarks.md,
// "Recovery of the write-ahead log").
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "engine/string_slots.h"
#include "engine/wal.h"

namespace silkgraph {

// The strings a log will add in its `bytesLeft` more bytes, at the rate of the `strings` its
// first `bytesRead` added, and a little more: a dictionary's table is made that large at once
// (growing it by doubling rehashed every id at each power of two and faulted in twice the
// final table's memory).
size_t stringsAhead(size_t strings, size_t bytesRead, size_t bytesLeft);

class LogStringIndex {
 public:
  // For a dictionary that holds `firstId` strings before the log of `logBytes` is replayed.
  LogStringIndex(uint32_t firstId, size_t logBytes) : first_(firstId), logBytes_(logBytes) {}

  // The reading thread's part: hashes the strings of the record `payload` (checksum verified)
  // that ends at byte `end` of the log. A record that does not read as format 3 or does not
  // follow the strings before stops the indexing: replay finds what is wrong, and the
  // dictionary then indexes its strings itself.
  void add(const uint8_t* payload, size_t length, size_t end);
  // Puts one queued window of strings in the table when `queuedAtLeast` are queued (else
  // returns false). With `wait`, it waits for the table if the other thread is putting a
  // window in; without, it returns false then.
  bool insertOne(bool wait, size_t queuedAtLeast);
  // The chore to give LogBuffer::readInBackground: a window at a time, the last one (not full)
  // queued once the read has ended.
  static LogBuffer::Chore chore(std::shared_ptr<LogStringIndex> index);
  // Once the read has ended (its thread's writes are seen): every window put in the table.
  void finish();

  // False once indexing stopped.
  bool usable() const { return usable_; }
  // The ids indexed: [firstId(), endId()).
  uint32_t firstId() const { return first_; }
  uint32_t endId() const { return first_ + static_cast<uint32_t>(added_); }
  StringSlots& table() { return table_; }
  // Pairs of ids whose hashes are equal: the strings were not compared here.
  const std::vector<std::pair<uint32_t, uint32_t>>& suspects() const { return suspects_; }

 private:
  struct Window {
    uint32_t firstId;
    size_t end;  // of the log record whose strings filled it
    std::vector<uint32_t> hashes;
  };
  void queue();                  // the window being filled (reading thread)
  void insert(const Window& w);  // under mutex_
  void seal();                   // the last window queued (reading thread, read ended)

  const uint32_t first_;
  const size_t logBytes_;
  // The reading thread's, read by the replaying one once the read has ended.
  bool usable_ = true;
  size_t added_ = 0;  // strings hashed
  Window filling_;
  // Under the mutex: the windows queued and the table they go into.
  std::mutex mutex_;
  std::deque<Window> queued_;
  StringSlots table_;
  std::vector<std::pair<uint32_t, uint32_t>> suspects_;
};

}  // namespace silkgraph
