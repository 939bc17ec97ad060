#pragma once
// A scratch directory for one test, removed when the test ends.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace dipdrg::testing {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        static int counter = 0;
        path = std::filesystem::temp_directory_path()
               / ("dipdrg-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path / name).string(); }
    // Writes `content` byte for byte and returns the file's path.
    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream out(path / name, std::ios::binary);
        out << content;
        return file(name);
    }
};

}  // namespace dipdrg::testing
