// SharedString: an immutable string whose copies share one buffer (copying one copies a
// pointer), or a part of a text it shares with others (a statement's source). A result column
// without an alias is named by its expression's source text, as long as the query itself (a 100 MB
// literal: issue 10, D10); the name is one SharedString from the parser to the result
// (QueryResult::columns), however many scopes, slots and copies of the result hold it. It reads as
// a std::string_view (an implicit conversion, comparisons with strings, string_views and `const
// char*`); str() makes a copy.
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
      : p_(s.empty() ? nullptr : std::make_shared<const std::string>(std::move(s))),
        v_(p_ ? std::string_view(*p_) : std::string_view()) {}
  SharedString(std::string_view s) : SharedString(std::string(s)) {}  // NOLINT
  SharedString(const char* s) : SharedString(std::string(s)) {}       // NOLINT
  // A part of a text someone else holds (a statement's source, whose unaliased column names
  // are slices of it): nothing is copied, and the text lives as long as any slice of it.
  // `part` must lie inside *owner.
  SharedString(std::shared_ptr<const std::string> owner, std::string_view part)
      : p_(part.empty() ? nullptr : std::move(owner)), v_(p_ ? part : std::string_view()) {}

  std::string_view view() const { return v_; }
  operator std::string_view() const { return v_; }  // NOLINT
  // A copy (names are read through view(); a name may be as long as the query).
  std::string str() const { return std::string(v_); }

  size_t size() const { return v_.size(); }
  bool empty() const { return v_.empty(); }
  const char* data() const { return v_.data(); }  // not NUL-terminated
  std::string_view::const_iterator begin() const { return v_.begin(); }
  std::string_view::const_iterator end() const { return v_.end(); }
  char operator[](size_t i) const { return v_[i]; }
  // Whether the two share one buffer (tests: the name was not copied on its way).
  bool sharesWith(const SharedString& o) const { return p_ && p_ == o.p_; }

  friend bool operator==(const SharedString& a, const SharedString& b) {
    return (a.p_ == b.p_ && a.v_.data() == b.v_.data() && a.v_.size() == b.v_.size()) ||
           a.v_ == b.v_;
  }
  friend bool operator==(const SharedString& a, std::string_view b) { return a.v_ == b; }
  friend bool operator==(const SharedString& a, const std::string& b) { return a.v_ == b; }
  friend bool operator==(const SharedString& a, const char* b) { return a.v_ == b; }
  friend std::strong_ordering operator<=>(const SharedString& a, const SharedString& b) {
    return a.v_ <=> b.v_;
  }
  friend std::strong_ordering operator<=>(const SharedString& a, std::string_view b) {
    return a.v_ <=> b;
  }
  friend std::strong_ordering operator<=>(const SharedString& a, const std::string& b) {
    return a.v_ <=> std::string_view(b);
  }
  friend std::strong_ordering operator<=>(const SharedString& a, const char* b) {
    return a.v_ <=> std::string_view(b);
  }
  friend std::ostream& operator<<(std::ostream& out, const SharedString& s) { return out << s.v_; }
  size_t find(std::string_view s, size_t pos = 0) const { return view().find(s, pos); }
  // Concatenation gives a std::string, as it would for two std::string.
  friend std::string operator+(const SharedString& a, const char* b) { return a.str() + b; }
  friend std::string operator+(const SharedString& a, const std::string& b) { return a.str() + b; }
  friend std::string operator+(const std::string& a, const SharedString& b) { return a + b.str(); }
  friend std::string operator+(const char* a, const SharedString& b) { return a + b.str(); }

 private:
  std::shared_ptr<const std::string> p_;  // null for the empty string
  std::string_view v_;                    // the string: all of *p_, or a part of it
};

// Names compared with plain strings, as when they were std::string (QueryResult::columns).
inline bool operator==(const std::vector<SharedString>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const SharedString& x, const std::string& y) { return x == y; });
}

}  // namespace silkgraph
