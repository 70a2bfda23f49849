// Fuzz target: replaying a write-ahead log (engine/wal.h, replayWal) onto the forum sample.
// The input is the log's records; the target puts the header of a log that follows the
// sample's database file (with a fixed salt) in front of them, and the custom mutator
// recomputes each record's checksum for that header's key after libFuzzer's mutation, so inputs
// reach the redo decoder (engine/wal_redo.cpp) rather than stopping at the frame check. A replay
// either fails with a LoadError naming the log or gives a graph that answers a query touching every
// node, relationship and property.
//
// With SILKGRAPH_FUZZ_WAL_SEEDS=DIR set, initialisation first writes seed inputs to DIR: the
// records a real database logs for a few statements and a transaction on the sample.
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "engine/wal.h"
#include "main/database.h"
#include "tests/fuzz/fuzz_support.h"

using namespace silkgraph;

namespace {

std::string snapshot;  // the sample as a database file
uint64_t base = 0;     // its identity, named by the log header
constexpr uint64_t kSalt = 0x5eed5eed5eed5eed;

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
    // The records, checksummed for the target's header, without the zeros preallocated after.
    std::string records = log.substr(kWalHeaderSize);
    records.resize(reframeWalRecords(reinterpret_cast<uint8_t*>(records.data()), records.size(),
                                     walKey(base, kSalt)));
    std::ofstream(dir + "/" + name, std::ios::binary) << records;
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

// Recomputes the checksum of every whole record frame ("SGWR", length, XXH64, payload) from
// the start, so mutations of payloads reach the decoder.
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize,
                                          unsigned int) {
  size = LLVMFuzzerMutate(data, size, maxSize);
  reframeWalRecords(data, size, walKey(base, kSalt));
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
  const std::string log =
      walHeader(base, kSalt) + std::string(reinterpret_cast<const char*>(data), size);
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
