// Fuzz target: replaying a write-ahead log (engine/wal.h, replayWal) onto the forum sample.
// The input is the log's records; the target puts the header of a log that follows the
// sample's database file in front of them, and the custom mutator recomputes each record's
// checksum after libFuzzer's mutation, so inputs reach the redo decoder (engine/wal_redo.cpp)
// rather than stopping at the frame check. A replay either fails with a LoadError naming the
// log or gives a graph that answers a query touching every node, relationship and property.
//
// With SILKGRAPH_FUZZ_WAL_SEEDS=DIR set, initialisation first writes seed inputs to DIR: the
// records a real database logs for a few statements and a transaction on the sample.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "common/hash.h"
#include "engine/wal.h"
#include "main/database.h"
#include "tests/fuzz/fuzz_support.h"

using namespace silkgraph;

namespace {

std::string snapshot;  // the sample as a database file
uint64_t base = 0;     // its identity, named by the log header

// The statements whose logged records are the seeds: creations with labels and properties of
// every type, updates, label changes, deletions, an index, and a transaction of several.
const char* const kSeedStatements[] = {
    "CREATE (:Nation {id: 'XKX', name: 'Kosovo', area_km2: 10887.0, landlocked: true,"
    " capital: ['Pristina']})",
    "MATCH (n:Nation {id: 'KAZ'}) SET n.iso_numeric = '398', n.un_member = true",
    "MATCH (n:Nation {id: 'KAZ'}) REMOVE n.lat",
    "MATCH (n:Nation {id: 'XKX'}) SET n:Region",
    "MATCH (a:Nation {id: 'XKX'}), (b:Nation {id: 'KAZ'}) CREATE (a)-[:BORDERS {length_km:"
    " 1.5}]->(b)",
    "MATCH (:Nation {id: 'XKX'})-[r:BORDERS]->() DELETE r",
    "MATCH (n:Nation {id: 'XKX'}) DETACH DELETE n",
};

void writeSeeds(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  const std::string work = fuzz::scratchDir() + "/seeded.sg";
  fs::copy_file(snapshot, work, fs::copy_options::overwrite_existing);
  Database db;
  db.open(work);
  int n = 0;
  auto dump = [&](const std::string& name) {
    std::ifstream in(walPathOf(work), std::ios::binary);
    std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(dir + "/" + name, std::ios::binary) << log.substr(kWalHeaderSize);
  };
  for (const char* statement : kSeedStatements) {
    db.execute(statement);
    dump("seed" + std::to_string(++n));
  }
  db.begin();
  db.execute("CREATE (:Organization {id: 'SEED', name: 'Seed Organisation'})");
  db.execute(
      "MATCH (o:Organization {id: 'SEED'}), (n:Nation {id: 'KOR'}) CREATE (n)-[:MEMBER_OF"
      " {qualifier: 'observer'}]->(o)");
  db.commit();
  dump("seed" + std::to_string(++n));
}

}  // namespace

extern "C" size_t __attribute__((weak))
LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

// Recomputes the checksum of every whole record frame ("SGWR", length, XXH64 seeded with the
// length, payload) from the start, so mutations of payloads reach the decoder.
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize,
                                          unsigned int) {
  size = LLVMFuzzerMutate(data, size, maxSize);
  size_t at = 0;
  while (at + kWalRecordHeaderSize <= size && std::memcmp(data + at, "SGWR", 4) == 0) {
    uint32_t length;
    std::memcpy(&length, data + at + 4, 4);
    if (length > size - at - kWalRecordHeaderSize) break;
    const uint64_t sum = hash::xxh64(data + at + kWalRecordHeaderSize, length, length);
    std::memcpy(data + at + 8, &sum, 8);
    at += kWalRecordHeaderSize + length;
  }
  return size;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Database sample;
  sample.load({fuzz::sourceDir() + "/samples/central-asia-korea"});
  snapshot = fuzz::scratchDir() + "/sample.sg";
  sample.save(snapshot);
  base = graphFileIdentity(snapshot);
  if (const char* dir = std::getenv("SILKGRAPH_FUZZ_WAL_SEEDS")) writeSeeds(dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1024 * 1024) return -1;
  const std::string log = walHeader(base) + std::string(reinterpret_cast<const char*>(data), size);
  Database db;
  db.load({snapshot});
  try {
    replayWal(reinterpret_cast<const uint8_t*>(log.data()), log.size(), base, db.graph(),
              "fuzz.sg.wal");
  } catch (const Error& e) {
    fuzz::abortIfBug(e, "(log records)");
    if (e.file().empty()) fuzz::abortBug("a replay error without its file: " + e.format(), "");
    return 0;
  } catch (const std::exception& e) {
    fuzz::abortBug(std::string("an exception that is not an Error: ") + e.what(), "");
  }
  // The replayed graph must answer queries over all of it.
  fuzz::queryWholeGraph(db, "(log records)");
  return 0;
}
