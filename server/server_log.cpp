// The server's log (see server_log.h).
#include "server/server_log.h"

#include <unistd.h>

#include <mutex>

#include "common/text.h"

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
  return text::truncateChars(message.substr(0, message.find('\n')), 200);
}

}  // namespace silkgraph::server
