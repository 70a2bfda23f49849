// PropertyColumn: typed storage of one property key with fallback to generic Values.
#include "engine/property_column.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

namespace silkgraph {

namespace {

uint64_t doubleBits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}
bool fitsInt32(int64_t v) {
  return v >= INT32_MIN && v <= INT32_MAX;
}
bool fitsInt16(int64_t v) {
  return v >= INT16_MIN && v <= INT16_MAX;
}
// Whether a float holds d exactly: the double read back has d's bits (NaNs only in the
// payload a float keeps).
bool exactAsFloat(double d) {
  if (std::isfinite(d) && std::fabs(d) > FLT_MAX) return false;  // the cast would be undefined
  return doubleBits(static_cast<double>(static_cast<float>(d))) == doubleBits(d);
}
uint32_t floatBits(double d) {
  float f = static_cast<float>(d);
  uint32_t b;
  std::memcpy(&b, &f, sizeof b);
  return b;
}

}  // namespace

PropertyColumn::Kind PropertyColumn::kindOf(const Value& v) {
  switch (v.type()) {
    case Value::Type::Int:
      return fitsInt32(v.asInt()) ? Kind::Int32 : Kind::Int64;
    case Value::Type::Float:
      return Kind::Float;
    case Value::Type::Bool:
      return Kind::Bool;
    case Value::Type::Date:
      return Kind::Date;
    case Value::Type::String:
      return Kind::String;
    default:
      return Kind::Generic;
  }
}

namespace {
// Grows v to hold index need - 1. Ids arrive in ascending order during loads, so it takes up
// to 1024 slots at a time while they fit in the capacity already there (a vector grows by
// doubling either way; this only saves the call per value).
template <typename Array>
void growTo(Array& v, size_t need) {
  if (v.size() >= need) return;
  v.resize(std::max(need, std::min(v.capacity(), need + 1023)));
}
}  // namespace

void PropertyColumn::ensureSlot(uint32_t id) {
  size_t words = id / 64 + 1;
  if (present_.size() < words) present_.resize(words, 0);
  size_t need = static_cast<size_t>(id) + 1;
  switch (kind_) {
    case Kind::Empty:
      break;
    case Kind::Int64:
    case Kind::Float:
      if (narrow_) {
        growTo(w32_, need);
      } else {
        growTo(w64_, need);
      }
      break;
    case Kind::Int32:
    case Kind::Date:
    case Kind::String:
      if (narrow_) {
        growTo(w16_, need);
      } else {
        growTo(w32_, need);
      }
      break;
    case Kind::Bool:
      growTo(w8_, need);
      break;
    case Kind::Generic:
      growTo(generic_, need);
      break;
  }
}

void PropertyColumn::permute(const IdSlots& slots, std::span<const uint32_t> from) {
  // A column without a value on these ids (another type's property) stays as it is: its
  // arrays may reach past the first of them (they grow ahead), but need not reach the last.
  bool any = false;
  for (size_t i = 0; i < slots.n && !any; ++i) any = has(slots.at(i));
  if (!any) return;
  permuteBitSlots(present_, slots, from);
  permuteSlots<uint64_t>(w64_, slots, from);
  permuteSlots<uint32_t>(w32_, slots, from);
  permuteSlots<uint16_t>(w16_, slots, from);
  permuteSlots<uint8_t>(w8_, slots, from);
  permuteSlots<Value>(generic_, slots, from);
}

void PropertyColumn::widenToInt64() {
  const size_t n = narrow_ ? w16_.size() : w32_.size();
  MappedArray<uint64_t> wide(n);
  for (size_t i = 0; i < n; ++i) wide[i] = static_cast<uint64_t>(intAt(static_cast<uint32_t>(i)));
  w64_ = std::move(wide);
  MappedArray<uint32_t>().swap(w32_);
  MappedArray<uint16_t>().swap(w16_);
  kind_ = Kind::Int64;
  narrow_ = false;
}

void PropertyColumn::widen() {
  if (!narrow_) return;
  if (kind_ == Kind::Float) {
    MappedArray<uint64_t> wide;
    wide.reserve(w32_.capacity());
    wide.resize(w32_.size());
    for (size_t i = 0; i < w32_.size(); ++i)
      wide[i] = doubleBits(floatAt(static_cast<uint32_t>(i)));
    w64_ = std::move(wide);
    MappedArray<uint32_t>().swap(w32_);
  } else {
    MappedArray<uint32_t> wide;
    wide.reserve(w16_.capacity());
    wide.resize(w16_.size());
    for (size_t i = 0; i < w16_.size(); ++i)
      wide[i] = kind_ == Kind::Int32
                    ? static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(w16_[i])))
                    : w16_[i];
    w32_ = std::move(wide);
    MappedArray<uint16_t>().swap(w16_);
  }
  narrow_ = false;
}

void PropertyColumn::convertToGeneric(const StringDictionary& dict) {
  size_t n = present_.size() * 64;
  std::vector<Value> g;
  g.reserve(n);
  for (size_t i = 0; i < n; ++i) g.push_back(get(static_cast<uint32_t>(i), dict));
  generic_ = std::move(g);
  MappedArray<uint64_t>().swap(w64_);
  MappedArray<uint32_t>().swap(w32_);
  MappedArray<uint16_t>().swap(w16_);
  MappedArray<uint8_t>().swap(w8_);
  kind_ = Kind::Generic;
  narrow_ = false;
}

void PropertyColumn::set(uint32_t id, const Value& v, StringDictionary& dict) {
  Kind k = kindOf(v);
  if (kind_ == Kind::Empty) {
    kind_ = k;
    narrow_ = hasNarrowForm(k);
  } else if (k != kind_) {
    if (kind_ == Kind::Int32 && k == Kind::Int64) {
      widenToInt64();
    } else if (kind_ == Kind::Int64 && k == Kind::Int32) {
      k = Kind::Int64;  // a small integer in a wide column
    } else if (kind_ != Kind::Generic) {
      convertToGeneric(dict);
    }
  }
  ensureSlot(id);
  if (!has(id)) {
    present_[id / 64] |= uint64_t{1} << (id % 64);
    ++count_;
  }
  switch (kind_) {
    case Kind::Empty:
      break;
    case Kind::Int32:
      if (narrow_ && !fitsInt16(v.asInt())) widen();
      if (narrow_) {
        w16_[id] = static_cast<uint16_t>(static_cast<int16_t>(v.asInt()));
      } else {
        w32_[id] = static_cast<uint32_t>(static_cast<int32_t>(v.asInt()));
      }
      break;
    case Kind::Int64:
      w64_[id] = static_cast<uint64_t>(v.asInt());
      break;
    case Kind::Float:
      if (narrow_ && !exactAsFloat(v.asFloat())) widen();
      if (narrow_) {
        w32_[id] = floatBits(v.asFloat());
      } else {
        w64_[id] = doubleBits(v.asFloat());
      }
      break;
    case Kind::Bool:
      w8_[id] = v.asBool() ? 1 : 0;
      break;
    case Kind::Date:
      w32_[id] = static_cast<uint32_t>(v.asDate().days);
      break;
    case Kind::String:
      putWord(id, dict.intern(v.asString(), &v.stringPtr()));
      break;
    case Kind::Generic:
      if (v.type() == Value::Type::String) {
        // Strings share the dictionary payload even in a generic column.
        generic_[id] = Value(dict.get(dict.intern(v.asString(), &v.stringPtr())));
      } else {
        generic_[id] = v;
      }
      break;
  }
}

void PropertyColumn::setString(uint32_t id, uint32_t word, StringDictionary& dict) {
  if (kind_ != Kind::Empty && kind_ != Kind::String) {
    set(id, Value(dict.get(word)), dict);
    return;
  }
  if (kind_ == Kind::Empty) {
    kind_ = Kind::String;
    narrow_ = true;
  }
  ensureSlot(id);
  if (!has(id)) {
    present_[id / 64] |= uint64_t{1} << (id % 64);
    ++count_;
  }
  putWord(id, word);
}

void PropertyColumn::putWord(uint32_t id, uint32_t word) {
  if (narrow_ && word > UINT16_MAX) widen();
  if (narrow_) {
    w16_[id] = static_cast<uint16_t>(word);
  } else {
    w32_[id] = word;
  }
}

void PropertyColumn::clearAll() {
  kind_ = Kind::Empty;
  narrow_ = false;
  MappedArray<uint16_t>().swap(w16_);
  MappedArray<uint64_t>().swap(present_);
  MappedArray<uint64_t>().swap(w64_);
  MappedArray<uint32_t>().swap(w32_);
  MappedArray<uint8_t>().swap(w8_);
  std::vector<Value>().swap(generic_);
  count_ = 0;
}

void PropertyColumn::erase(uint32_t id) {
  if (!has(id)) return;
  present_[id / 64] &= ~(uint64_t{1} << (id % 64));
  if (kind_ == Kind::Generic) generic_[id] = Value();
  if (--count_ == 0) clearAll();  // lets an emptied column start typed again
}

void PropertyColumn::reserve(size_t n) {
  present_.reserve(n / 64 + 1);
  switch (kind_) {
    case Kind::Empty:
      break;
    case Kind::Int64:
    case Kind::Float:
      if (narrow_) {
        w32_.reserve(n);
      } else {
        w64_.reserve(n);
      }
      break;
    case Kind::Int32:
    case Kind::Date:
    case Kind::String:
      if (narrow_) {
        w16_.reserve(n);
      } else {
        w32_.reserve(n);
      }
      break;
    case Kind::Bool:
      w8_.reserve(n);
      break;
    case Kind::Generic:
      generic_.reserve(n);
      break;
  }
}

void PropertyColumn::shrink() {
  // Slots past the last word of presence bits hold nothing (growTo makes up to 1,023 of them
  // ahead of the ids set, as far as the capacity goes): dropped, so that what a load leaves
  // (and writes to the database file) does not depend on how far it reserved.
  const size_t limit = present_.size() * 64;
  auto cut = [limit](auto& a) {
    if (a.size() > limit) a.resize(limit);
  };
  cut(w64_);
  cut(w32_);
  cut(w16_);
  cut(w8_);
  cut(generic_);
  shrinkIfWasteful(present_);
  shrinkIfWasteful(w64_);
  shrinkIfWasteful(w32_);
  shrinkIfWasteful(w16_);
  shrinkIfWasteful(w8_);
  shrinkIfWasteful(generic_);
}

size_t PropertyColumn::bytes() const {
  return present_.capacity() * sizeof(uint64_t) + w64_.capacity() * sizeof(uint64_t) +
         w32_.capacity() * sizeof(uint32_t) + w16_.capacity() * sizeof(uint16_t) + w8_.capacity() +
         generic_.capacity() * sizeof(Value);
}

}  // namespace silkgraph
