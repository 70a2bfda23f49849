// Fuzz target: the Bolt request decoder of `silkgraph serve` (server/bolt_message.h): one
// message's bytes, as they are after de-chunking, decoded into a request or refused with a
// protocol error. Anything else (a crash, a sanitizer report, an exception escaping) is a bug.
#include <cstddef>
#include <cstdint>

#include "server/bolt_message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1024 * 1024) return -1;
  (void)silkgraph::server::fuzzBoltMessageDecoder(data, size);
  return 0;
}
