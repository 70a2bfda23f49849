// The one export pipeline (export/export_run.h): what planExport decides, and that output
// files are replaced atomically: old content kept on failure, permissions kept, symbolic links
// followed, devices written in place.
#include "export/export_run.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/error.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;

class ExportRun : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "sg-export-run-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Nothing but the files named is left in the directory (no temporary file).
  size_t entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }
  fs::path dir_;
};

TEST_F(ExportRun, PlanFollowsTheFileName) {
  ExportTarget t;
  EXPECT_EQ(planExport(ExportFormat::Dot, "x.svg", "", t), "");
  EXPECT_EQ(t.render, "svg");
  EXPECT_EQ(planExport(ExportFormat::Dot, "x.gv", "", t), "");
  EXPECT_EQ(t.render, "");
  EXPECT_NE(planExport(ExportFormat::Dot, "x.jpg", "", t), "");
  EXPECT_EQ(planExport(ExportFormat::Graphml, "x.xml", "", t), "");
  EXPECT_NE(planExport(ExportFormat::Graphml, "x.dot", "", t).find("GraphML is XML"),
            std::string::npos);
  EXPECT_EQ(parseExportFormat("graphml"), ExportFormat::Graphml);
  EXPECT_FALSE(parseExportFormat("svg").has_value());
}

TEST_F(ExportRun, ReplacesKeepingPermissions) {
  std::string p = path("out.dot");
  mode_t mask = ::umask(027);  // a new file gets what the umask allows, as with a plain write
  writeFileAtomically(p, "first");
  ::umask(mask);
  EXPECT_EQ(read(p), "first");
  struct stat created {};
  ASSERT_EQ(::stat(p.c_str(), &created), 0);
  EXPECT_EQ(created.st_mode & 0777, 0640u);
  ASSERT_EQ(::chmod(p.c_str(), 0604), 0);
  writeFileAtomically(p, "second");
  EXPECT_EQ(read(p), "second");
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0604u);
  EXPECT_EQ(entries(), 1u);
}

TEST_F(ExportRun, FollowsSymbolicLinksAndWritesDevicesInPlace) {
  std::string real = path("real.dot"), link = path("link.dot");
  writeFileAtomically(real, "old");
  fs::create_symlink(real, link);
  writeFileAtomically(link, "new");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read(real), "new");
  EXPECT_EQ(entries(), 2u);
  writeFileAtomically("/dev/null", "discarded");  // never replaced by a regular file
  EXPECT_FALSE(fs::is_regular_file("/dev/null"));
}

TEST_F(ExportRun, FailureNamesTheFileAndLeavesNothing) {
  try {
    writeFileAtomically(path("missing/out.dot"), "x");
    FAIL() << "expected an IOError";
  } catch (const Error& e) {
    EXPECT_EQ(e.format(), path("missing/out.dot") + ": IOError: cannot write the file");
  }
  EXPECT_EQ(entries(), 0u);
}

TEST_F(ExportRun, FailedRenderKeepsTheOldFile) {
  std::string p = path("graph.svg");
  writeFileAtomically(p, "previous picture");
  Graph g;
  ExportTarget t;
  ASSERT_EQ(planExport(ExportFormat::Dot, p, "", t), "");
  // No Graphviz on PATH: the render fails and the file is left as it was.
  std::string oldPath = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", dir_.c_str(), 1);
  std::ostringstream unused;
  EXPECT_THROW(exportSubgraph(g, wholeGraph(g), t, unused), Error);
  ::setenv("PATH", oldPath.c_str(), 1);
  EXPECT_EQ(read(p), "previous picture");
  EXPECT_EQ(entries(), 1u);
}

}  // namespace
}  // namespace silkgraph
