// engine/csv_chunks.h and CsvReader::restart: cut anywhere, a file read chunk by chunk (each
// chunk that starts inside a record read again from where the records continue, as the
// parallel loader does) gives the records, fields and line:col positions of one reader over
// the whole file: quoted fields with line breaks, "" escapes, CRLF and lone CR, a byte order
// mark, blank lines, non-ASCII text and a last line without a line break.
#include "engine/csv_chunks.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/csv_reader.h"
#include "engine/error.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;

class CsvChunks : public ::testing::Test {
 protected:
  fs::path dir;
  void SetUp() override {
    std::string tmpl = (fs::path(::testing::TempDir()) / "csv_chunks_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir = tmpl;
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string write(const std::string& text) {
    std::string path = (dir / "f.csv").string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
};

// "line:col field|field|..." per record, lines offset by `line0`.
std::string describe(const CsvReader& r, uint32_t line0) {
  std::string s = std::to_string(r.rowPos().line + line0) + ":" + std::to_string(r.rowPos().col);
  for (size_t i = 0; i < r.size(); ++i) {
    SourcePos p = r.pos(i);
    s += (i ? "|" : " ") + std::to_string(p.line + line0) + ":" + std::to_string(p.col) + "=" +
         std::string(r.text(i));
  }
  return s;
}

std::vector<std::string> whole(const std::string& path) {
  CsvReader r(path, "f.csv");
  std::vector<std::string> out;
  while (r.next()) out.push_back(describe(r, 0));
  return out;
}

// Chunk by chunk: header first, then chunks from csvChunkStarts, each accepted only when it
// starts where the records before it ended (else read again from there).
std::vector<std::string> chunked(const std::string& path, uint64_t chunkBytes, uint64_t hardExtra) {
  std::vector<std::string> out;
  CsvReader head(path, "f.csv");
  if (!head.next()) return out;
  out.push_back(describe(head, 0));
  const uint64_t size = fs::file_size(path);
  uint64_t next = head.offset();
  bool cr = head.pendingCR();
  uint32_t line = head.line();
  std::vector<uint64_t> starts = csvChunkStarts(path, "f.csv", next, size, chunkBytes);
  CsvReader r(path, "f.csv");
  for (size_t k = 0; k < starts.size(); ++k) {
    const uint64_t limit = k + 1 < starts.size() ? starts[k + 1] : UINT64_MAX;
    std::vector<std::string> rows;
    bool ok = starts[k] == next;
    if (ok) {
      r.restart(starts[k], limit, limit == UINT64_MAX ? UINT64_MAX : limit + hardExtra, cr);
      try {
        while (r.next()) rows.push_back(describe(r, line - 1));
      } catch (const Error&) {
        if (!r.cut()) throw;  // a real error: the file has none
      }
      ok = !r.cut();
    }
    if (!ok) {  // the writer's repair: from where the records continue, without a hard limit
      rows.clear();
      r.restart(next, std::max(next, limit), UINT64_MAX, cr);
      while (r.next()) rows.push_back(describe(r, line - 1));
    }
    out.insert(out.end(), rows.begin(), rows.end());
    next = r.offset();
    cr = r.pendingCR();
    line += r.line() - 1;
  }
  return out;
}

const char* const kTricky =
    "\xEF\xBB\xBF"
    "a,b,c\r\n"
    "1,plain,x\r\n"
    "2,\"two\r\nlines\",y\r\n"
    "\r\n"
    "3,\"quote \"\"in\"\" and\nnewline\",z\n"
    "\n"
    "4,\xC3\xBCn\xC3\xAF,\"\xC3\xA9\"\n"
    "5,lone,cr\r"
    "6,\"\n\n\",only breaks\n"
    "7,\",\",\"\"\"\"\n"
    "8,last,no break";

TEST_F(CsvChunks, EveryChunkSizeReadsTheSameRecords) {
  const std::string path = write(kTricky);
  const std::vector<std::string> expect = whole(path);
  ASSERT_EQ(expect.size(), 9u);
  EXPECT_EQ(expect[2], "3:1 3:1=2|3:3=two\r\nlines|4:8=y");
  EXPECT_EQ(expect.back(), "15:1 15:1=8|15:3=last|15:8=no break");
  const uint64_t size = fs::file_size(path);
  for (uint64_t chunk = 1; chunk <= size; ++chunk)
    for (uint64_t hard : {uint64_t{1}, uint64_t{7}, size})
      ASSERT_EQ(chunked(path, chunk, hard), expect) << "chunks of " << chunk << ", hard " << hard;
}

TEST_F(CsvChunks, StartsFollowLineBreaks) {
  std::string text = "h\n";
  for (int i = 0; i < 100; ++i) text += "row " + std::to_string(i) + "\n";
  const std::string path = write(text);
  std::vector<uint64_t> starts = csvChunkStarts(path, "f.csv", 2, text.size(), 50);
  ASSERT_GT(starts.size(), 5u);
  EXPECT_EQ(starts[0], 2u);
  for (size_t k = 1; k < starts.size(); ++k) {
    EXPECT_EQ(text[starts[k] - 1], '\n');
    EXPECT_GE(starts[k] - starts[k - 1], 50u);
    EXPECT_LT(starts[k] - starts[k - 1], 50u + 8u);  // the next line break, not a later one
  }
  EXPECT_LT(starts.back(), text.size());
  // A line longer than a chunk: one chunk, not one per line after it.
  std::string longLine = "h\n" + std::string(1000, 'x') + "\n";
  for (int i = 0; i < 5; ++i) longLine += "short\n";
  const std::string p2 = write(longLine);
  EXPECT_EQ(csvChunkStarts(p2, "f.csv", 2, longLine.size(), 10),
            (std::vector<uint64_t>{2, 1003, 1015, 1027}));
}

TEST_F(CsvChunks, ARecordAcrossTheLimitIsReadWhole) {
  const std::string path = write("a\n\"x\ny\"\nz\n");
  CsvReader r(path, "f.csv");
  r.restart(2, 5);  // the limit falls after the '\n' inside the quotes
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.text(0), "x\ny");
  EXPECT_FALSE(r.next());
  EXPECT_EQ(r.offset(), 8u);  // where "z" starts: the next chunk must start there
  EXPECT_EQ(r.line(), 3u);
  // With a hard limit before the closing quote, the record is cut.
  r.restart(2, 5, 6);
  EXPECT_THROW(r.next(), Error);
  EXPECT_TRUE(r.cut());
}

}  // namespace
}  // namespace silkgraph
