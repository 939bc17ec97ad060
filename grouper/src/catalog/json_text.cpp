#include "dipdrg/catalog/json_text.hpp"

#include <boost/property_tree/json_parser.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;
namespace pt = boost::property_tree;

namespace dipdrg::catalog {
namespace {

// The deepest nesting of objects and arrays, strings and escapes skipped; stops early once
// the limit is passed, so the scan is linear and bounded whatever the input.
int nesting_depth(const std::string& text) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > kMaxJsonDepth) return deepest;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

void require_regular_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw std::runtime_error(what + " " + path + " not found");
    if (!fs::is_regular_file(status))
        throw std::runtime_error(what + " " + path + " is not a regular file (a device, FIFO or folder)");
}

pt::ptree parse_json_text(const std::string& text, const std::string& where) {
    if (text.size() > kMaxJsonBytes)
        throw std::runtime_error(where + ": JSON larger than " + std::to_string(kMaxJsonBytes >> 20)
                                 + " MiB");
    if (nesting_depth(text) > kMaxJsonDepth)
        throw std::runtime_error(where + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth)
                                 + " levels");
    pt::ptree tree;
    std::istringstream in(text);
    try {
        pt::read_json(in, tree);
    } catch (const pt::json_parser_error& e) {
        throw std::runtime_error(where + ": invalid JSON: " + e.message() + " (line "
                                 + std::to_string(e.line()) + ")");
    }
    return tree;
}

pt::ptree read_json_file(const std::string& path) {
    require_regular_file(path, "JSON file");
    std::error_code ec;
    if (fs::file_size(path, ec) > kMaxJsonBytes)
        throw std::runtime_error(path + ": JSON larger than " + std::to_string(kMaxJsonBytes >> 20) + " MiB");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parse_json_text(text, path);
}

}  // namespace dipdrg::catalog
