// CsvReader (engine/csv_reader.h): the RFC 4180 scanner, with SSE2 where the machine has it.
#include "engine/csv_reader.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/assert.h"
#include "common/text.h"

namespace silkgraph {

namespace {

constexpr size_t kBufferSize = 1 << 20;

// Byte classes of the scanner: what ends an unquoted field, and what a quoted field must stop
// at (its closing quote, and line breaks so that positions stay right).
constexpr uint8_t kPlainStop = 1, kQuotedStop = 2;

// The first byte at or after q (below end) that ends an unquoted field, or end. With SSE2
// (every x86-64), sixteen bytes are tested at a time: fields are short, so a field is
// usually one test instead of a loop over its bytes.
size_t findPlainStop(const char* b, size_t q, size_t end, char delim,
                     const std::array<uint8_t, 256>& cls) {
#ifdef __SSE2__
  const __m128i comma = _mm_set1_epi8(delim), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'),
                lf = _mm_set1_epi8('\n');
  for (; q + 16 <= end; q += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + q));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    if (int mask = _mm_movemask_epi8(hit)) return q + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (q < end && !(cls[static_cast<unsigned char>(b[q])] & kPlainStop)) ++q;
  return q;
}

#ifdef __SSE2__
// One bit per byte of the 64 at p: set where the byte ends an unquoted field or is a quote;
// `high` gets the bytes that are not ASCII.
uint64_t stopMask64(const char* p, uint64_t& high, char delim) {
  const __m128i comma = _mm_set1_epi8(delim), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'),
                lf = _mm_set1_epi8('\n');
  uint64_t mask = 0;
  high = 0;
  for (int k = 0; k < 4; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    mask |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hit))) << (16 * k);
    high |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(v))) << (16 * k);
  }
  return mask;
}
#endif

bool allAscii(const char* p, size_t n) {
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; ++i) acc |= static_cast<unsigned char>(p[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}

}  // namespace

CsvReader::CsvReader(const std::string& path, std::string displayName, FailFn onFail,
                     char delimiter)
    : in_(path, std::ios::binary),
      name_(std::move(displayName)),
      onFail_(std::move(onFail)),
      delim_(delimiter),
      buf_(std::make_unique_for_overwrite<char[]>(kBufferSize)),
      cap_(kBufferSize) {
  SG_ASSERT(delimiter != '"' && delimiter != '\r' && delimiter != '\n',
            "the caller checks the delimiter");
  class_[static_cast<unsigned char>(delim_)] = kPlainStop;
  class_['"'] = kPlainStop | kQuotedStop;
  class_['\r'] = kPlainStop | kQuotedStop;
  class_['\n'] = kPlainStop | kQuotedStop;
  if (!in_) {
    Error e(ErrorKind::IOError, "cannot open the file for reading");
    e.setFile(name_);
    throw e;
  }
  fill();
  if (end_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF &&
      static_cast<unsigned char>(buf_[1]) == 0xBB && static_cast<unsigned char>(buf_[2]) == 0xBF)
    pos_ = 3;  // UTF-8 byte order mark
}

bool CsvReader::next() {
  fields_.clear();
  for (;;) {  // empty lines; a '\n' right after a '\r' belongs to the line break before it
    if (consumed_ + pos_ >= limit_) return false;  // the next range's record
    if (pos_ == end_ && !fill()) return false;
    char c = buf_[pos_];
    if (c == '\n') {
      if (!prevCR_) ++line_;
      prevCR_ = false;
      ++pos_;
    } else if (c == '\r') {
      ++line_;
      prevCR_ = true;
      ++pos_;
    } else {
      break;
    }
  }
  prevCR_ = false;
  while (!scan()) fill();  // scan() asks for more only before the end of the file
  return true;
}

void CsvReader::restart(uint64_t begin, uint64_t limit, uint64_t hardLimit, bool afterCR) {
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(begin));
  if (!in_) {
    Error e(ErrorKind::IOError, "cannot seek in the file");
    e.setFile(name_);
    throw e;
  }
  consumed_ = begin;
  pos_ = end_ = 0;
  eof_ = cut_ = false;
  limit_ = limit;
  hardLimit_ = hardLimit;
  line_ = 1;
  prevCR_ = afterCR;
  ascii_ = true;
  fields_.clear();
}

void CsvReader::fail(SourcePos pos, const std::string& msg) const {
  if (onFail_) onFail_(pos, msg);
  Error e(ErrorKind::LoadError, msg, pos);
  e.setFile(name_);
  throw e;
}

void CsvReader::checkUtf8() const {
  if (ascii_) return;
  for (size_t i = 0; i < fields_.size(); ++i)
    if (!text::isValid(text(i))) fail(pos(i), "invalid UTF-8 in this field");
}

// Appends file data after end_, first moving the record in progress (from pos_) to the
// front, growing the buffer when that record fills it. False at the end of the file.
bool CsvReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    consumed_ += pos_;
    pos_ = 0;
  }
  if (end_ == cap_) {
    auto bigger = std::make_unique_for_overwrite<char[]>(cap_ * 2);
    std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    cap_ *= 2;
  }
  size_t want = cap_ - end_;
  if (limit_ != UINT64_MAX) {
    // A range: what is left of it, and past it a little at a time (a record across its end).
    const uint64_t at = consumed_ + end_;
    if (at >= hardLimit_) {
      cut_ = eof_ = true;
      return false;
    }
    uint64_t need = at < limit_ ? limit_ - at : 0;
    need = std::max<uint64_t>(need, 1 << 16);
    need = std::min<uint64_t>(need, hardLimit_ - at);
    want = static_cast<size_t>(std::min<uint64_t>(want, need));
  }
  in_.read(buf_.get() + end_, static_cast<std::streamsize>(want));
  size_t got = static_cast<size_t>(in_.gcount());
  if (in_.bad()) {
    Error e(ErrorKind::IOError, "error while reading the file");
    e.setFile(name_);
    throw e;
  }
  if (got == 0) eof_ = true;
  end_ += got;
  return got > 0;
}

// Scans the record starting at pos_. Returns false when it needs more data (the caller
// refills and scans again from the record start); at the end of the file the record ends.
bool CsvReader::scan() {
  fields_.clear();
  const char* b = buf_.get();
  const size_t recStart = pos_;
  uint32_t line = line_;
  size_t lineStart = recStart;
  size_t p = recStart;
#ifdef __SSE2__
  // The common record, unquoted fields on one line, in 64-byte blocks: one mask of the
  // bytes that end a field, walked bit by bit. The first quote (a quoted field, or a stray
  // one to report) hands the rest of the record to the general loop below, from the start
  // of the field it is in; so does a block that would run past the buffer.
  uint64_t nonAscii = 0;  // any byte >= 0x80 in the blocks before this one
  for (size_t block = recStart; block + 64 <= end_; block += 64) {
    uint64_t high;
    for (uint64_t stops = stopMask64(b + block, high, delim_); stops != 0; stops &= stops - 1) {
      const size_t q = block + static_cast<size_t>(std::countr_zero(stops));
      const char c = b[q];
      if (c == '"') goto general;
      Field& f = fields_.emplace_back();
      f.data = b + p;
      f.len = static_cast<uint32_t>(q - p);
      f.line = line;
      f.at = p;
      f.lineStart = lineStart;
      if (c != delim_) {
        line_ = line + 1;
        // The record's bytes: the earlier blocks and this one up to the line break.
        const unsigned upTo = static_cast<unsigned>(q - block);
        nonAscii |= high & (upTo == 63 ? ~uint64_t{0} : (uint64_t{2} << upTo) - 1);
        // No quoted field, so nothing to unescape (what finish() would do).
        ascii_ = nonAscii == 0;
        pos_ = q + 1;
        prevCR_ = c == '\r';
        return true;
      }
      p = q + 1;
    }
    nonAscii |= high;
  }
general:
#endif
  // Errors found while scanning: the record is not checked for non-ASCII bytes yet.
  auto errorAt = [&](size_t offset, uint32_t atLine, size_t atLineStart, const std::string& msg) {
    ascii_ = allAscii(b + atLineStart, offset - atLineStart);
    fail(at(offset, atLine, atLineStart), msg);
  };
  for (;;) {
    Field f;
    f.at = p;
    f.line = line;
    f.lineStart = lineStart;
    size_t q = p;
    if (p < end_ && b[p] == '"') {
      f.quoted = true;
      q = p + 1;
      for (;;) {
        while (q < end_ && !(class_[static_cast<unsigned char>(b[q])] & kQuotedStop)) ++q;
        if (q == end_) {
          if (!eof_) return false;
          errorAt(f.at, f.line, f.lineStart,
                  "unterminated quoted field: the closing '\"' is missing");
        }
        char c = b[q];
        if (c == '"') {
          if (q + 1 == end_ && !eof_) return false;
          if (q + 1 < end_ && b[q + 1] == '"') {
            f.escaped = true;
            q += 2;
            continue;
          }
          break;  // the closing quote
        }
        if (c == '\r') {
          if (q + 1 == end_ && !eof_) return false;
          if (q + 1 < end_ && b[q + 1] == '\n') ++q;
        }
        ++line;
        lineStart = ++q;
      }
      f.data = b + p + 1;
      f.len = static_cast<uint32_t>(q - p - 1);
      ++q;  // past the closing quote
      if (q == end_) {
        if (!eof_) return false;
        fields_.push_back(f);
        return finish(q, recStart, false);
      }
      char c = b[q];
      if (c != delim_ && c != '\r' && c != '\n')
        errorAt(q, line, lineStart, "unexpected character after the closing quote of a field");
    } else {
      q = findPlainStop(b, q, end_, delim_, class_);
      if (q == end_) {
        if (!eof_) return false;
        f.data = b + p;
        f.len = static_cast<uint32_t>(q - p);
        fields_.push_back(f);
        return finish(q, recStart, false);
      }
      if (b[q] == '"')
        errorAt(q, line, lineStart,
                "'\"' inside an unquoted field (quote the whole field and write \"\" for a "
                "quote)");
      f.data = b + p;
      f.len = static_cast<uint32_t>(q - p);
    }
    fields_.push_back(f);
    if (b[q] == delim_) {
      p = q + 1;
      continue;
    }
    // A line break ends the record; a "\r\n" pair is finished by the next call.
    line_ = line + 1;
    return finish(q + 1, recStart, b[q] == '\r');
  }
}

bool CsvReader::finish(size_t next, size_t recStart, bool cr) {
  ascii_ = allAscii(buf_.get() + recStart, next - recStart);
  pos_ = next;
  prevCR_ = cr;
  // Quoted fields with "" escapes are unescaped into the scratch string, reserved first
  // so that the views stay valid.
  size_t need = 0;
  for (const Field& f : fields_) need += f.escaped ? f.len : 0;
  if (need != 0) {
    scratch_.clear();
    scratch_.reserve(need);
    for (Field& f : fields_) {
      if (!f.escaped) continue;
      const char* from = scratch_.data() + scratch_.size();
      for (uint32_t i = 0; i < f.len; ++i) {
        scratch_.push_back(f.data[i]);
        if (f.data[i] == '"') ++i;  // the second quote of a ""
      }
      f.len = static_cast<uint32_t>(scratch_.data() + scratch_.size() - from);
      f.data = from;
    }
  }
  return true;
}

}  // namespace silkgraph
