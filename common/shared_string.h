// SharedString: an immutable string whose copies share one buffer (copying one copies a
// pointer). A result column without an alias is named by its expression's source text, as long
// as the query itself (a 100 MB literal: issue 10, D10); the name is one SharedString from the
// parser to the result (QueryResult::columns), however many scopes, slots and copies of the
// result hold it. It reads as a const std::string (implicit conversions to `const
// std::string&` and `std::string_view`, comparisons with either and with `const char*`).
#pragma once

#include <algorithm>
#include <compare>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace silkgraph {

class SharedString {
 public:
  SharedString() = default;
  SharedString(std::string s)  // NOLINT(google-explicit-constructor): reads as a string
      : p_(s.empty() ? nullptr : std::make_shared<const std::string>(std::move(s))) {}
  SharedString(std::string_view s) : SharedString(std::string(s)) {}  // NOLINT
  SharedString(const char* s) : SharedString(std::string(s)) {}       // NOLINT

  const std::string& str() const { return p_ ? *p_ : emptyString(); }
  operator const std::string&() const { return str(); }  // NOLINT
  operator std::string_view() const { return str(); }    // NOLINT

  size_t size() const { return str().size(); }
  bool empty() const { return !p_; }
  const char* c_str() const { return str().c_str(); }
  const char* data() const { return str().data(); }
  std::string::const_iterator begin() const { return str().begin(); }
  std::string::const_iterator end() const { return str().end(); }
  char operator[](size_t i) const { return str()[i]; }
  // Whether the two share one buffer (tests: the name was not copied on its way).
  bool sharesWith(const SharedString& o) const { return p_ && p_ == o.p_; }

  friend bool operator==(const SharedString& a, const SharedString& b) {
    return a.p_ == b.p_ || a.view() == b.view();
  }
  friend bool operator==(const SharedString& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const SharedString& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const SharedString& a, const char* b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const SharedString& a, const SharedString& b) {
    return a.view() <=> b.view();
  }
  friend std::strong_ordering operator<=>(const SharedString& a, std::string_view b) {
    return a.view() <=> b;
  }
  friend std::strong_ordering operator<=>(const SharedString& a, const std::string& b) {
    return a.view() <=> std::string_view(b);
  }
  friend std::strong_ordering operator<=>(const SharedString& a, const char* b) {
    return a.view() <=> std::string_view(b);
  }
  friend std::ostream& operator<<(std::ostream& out, const SharedString& s) {
    return out << s.view();
  }

 private:
  std::string_view view() const { return p_ ? std::string_view(*p_) : std::string_view(); }
  static const std::string& emptyString() {
    static const std::string empty;
    return empty;
  }
  std::shared_ptr<const std::string> p_;  // null for the empty string
};

// Names compared with plain strings, as when they were std::string (QueryResult::columns).
inline bool operator==(const std::vector<SharedString>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const SharedString& x, const std::string& y) { return x == y; });
}

}  // namespace silkgraph
