// The server's log (see server_log.h).
#include "server/server_log.h"

#include <unistd.h>

#include <mutex>

namespace silkgraph::server {

void logLine(std::string_view text) {
  static std::mutex mutex;
  std::string line = "silkgraph serve: ";
  line.append(text);
  line.push_back('\n');
  std::lock_guard<std::mutex> g(mutex);
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return;  // a closed standard error loses the log, never the server
    done += static_cast<size_t>(n);
  }
}

std::string firstLine(std::string_view message) {
  std::string_view line = message.substr(0, message.find('\n'));
  if (line.size() <= 200) return std::string(line);
  // Cut at a UTF-8 character boundary (not inside a continuation byte).
  size_t cut = 200;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return std::string(line.substr(0, cut)) + "...";
}

}  // namespace silkgraph::server
