// RelWriter (loaders/rel_writer.h): a bounded queue of relationship batches and the thread
// that applies them in order.
#include "loaders/rel_writer.h"

namespace silkgraph::load {

namespace {
constexpr size_t kMaxQueued = 2;
}

RelWriter::RelWriter(Apply apply)
    : apply_(std::move(apply)), current_(std::make_unique<Batch>()), thread_([this] { run(); }) {}

RelWriter::~RelWriter() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void RelWriter::rethrow() {
  if (error_) {
    std::exception_ptr e = error_;
    std::rethrow_exception(e);
  }
}

void RelWriter::submit() {
  std::unique_lock lock(m_);
  rethrow();
  if (current_->rels.empty()) return;
  cv_.wait(lock, [&] { return queue_.size() < kMaxQueued || error_; });
  rethrow();
  queue_.push_back(std::move(current_));
  if (free_.empty()) {
    current_ = std::make_unique<Batch>();
  } else {
    current_ = std::move(free_.back());
    free_.pop_back();
  }
  lock.unlock();
  cv_.notify_all();
}

void RelWriter::drain() {
  submit();
  std::unique_lock lock(m_);
  cv_.wait(lock, [&] { return (queue_.empty() && !busy_) || error_; });
  rethrow();
}

void RelWriter::run() {
  std::unique_lock lock(m_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || (!queue_.empty() && !error_); });
    if (stop_) return;
    std::unique_ptr<Batch> b = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    cv_.notify_all();  // a slot in the queue is free
    std::exception_ptr failed;
    try {
      apply_(*b);
    } catch (...) {
      failed = std::current_exception();
    }
    b->clear();
    lock.lock();
    busy_ = false;
    if (failed) error_ = failed;
    free_.push_back(std::move(b));
    cv_.notify_all();
  }
}

}  // namespace silkgraph::load
