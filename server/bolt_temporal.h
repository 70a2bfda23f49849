// Bolt's temporal structures (the Bolt documentation's "Structure semantics"): Time, LocalTime,
// DateTime, DateTimeZoneId, LocalDateTime and Duration, written for RECORD messages and read
// from parameters. Bolt 5 sends date-times as UTC seconds ('I', 'i'); Bolt 4.4 without the
// "utc" patch, which this server does not offer, sends local seconds ('F', 'f').
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "main/value.h"
#include "server/packstream.h"

namespace silkgraph::server {

inline constexpr uint8_t kTagTime = 0x54;
inline constexpr uint8_t kTagLocalTime = 0x74;
inline constexpr uint8_t kTagDateTime = 0x49;
inline constexpr uint8_t kTagDateTimeZoneId = 0x69;
inline constexpr uint8_t kTagLegacyDateTime = 0x46;
inline constexpr uint8_t kTagLegacyDateTimeZoneId = 0x66;
inline constexpr uint8_t kTagLocalDateTime = 0x64;
inline constexpr uint8_t kTagDuration = 0x45;

// Writes a LocalTime, Time, LocalDateTime, DateTime or Duration value as its structure.
void writeTemporal(PackWriter& w, const Value& v, bool utcDateTimes);

// The number of fields a temporal structure with this tag has, or nullopt for another tag.
std::optional<size_t> temporalFieldCount(uint8_t tag);

// The value of a temporal structure from its fields (all integers, or the zone name of a
// DateTimeZoneId); throws ProtocolError when a field is of the wrong type or out of range, or
// the zone is not in the time-zone database.
Value readTemporal(uint8_t tag, const std::vector<Value>& fields);

}  // namespace silkgraph::server
