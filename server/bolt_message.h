// Bolt messages: the request tags a client sends, decoding one message (the bytes of its
// chunks joined) into a tag and fields, and encoding the server's responses (SUCCESS, RECORD,
// IGNORED, FAILURE). decodeBoltMessage is also the fuzz entry point for the decoder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "main/value.h"

namespace silkgraph::server {

enum class BoltTag : uint8_t {
  Hello = 0x01,
  Goodbye = 0x02,
  Reset = 0x0F,
  Run = 0x10,
  Begin = 0x11,
  Commit = 0x12,
  Rollback = 0x13,
  Discard = 0x2F,
  Pull = 0x3F,
  Telemetry = 0x54,
  Route = 0x66,
  Logon = 0x6A,
  Logoff = 0x6B,
  Success = 0x70,
  Record = 0x71,
  Ignored = 0x7E,
  Failure = 0x7F,
};

struct BoltMessage {
  BoltTag tag;
  std::vector<Value> fields;  // checked: count and types fit the tag
};

// Decodes one request message. Throws ProtocolError (server/packstream.h) naming what is
// wrong: an unknown tag, a wrong number or type of fields, trailing bytes.
BoltMessage decodeBoltMessage(std::string_view bytes);

// Fuzz entry point: decodes `size` bytes as one message; returns whether they were a valid
// request. Never throws, never crashes.
bool fuzzBoltMessageDecoder(const uint8_t* data, size_t size);

// Responses, encoded (not chunked). `metadata` must be a Map (or null for an empty one).
std::string encodeSuccess(const Value& metadata);
std::string encodeIgnored();
std::string encodeFailure(std::string_view code, std::string_view message);

// Splits a message into chunks (two-byte big-endian size, at most 65535 bytes each) and
// appends the end marker 00 00.
void appendChunked(std::string& out, std::string_view message);

}  // namespace silkgraph::server
