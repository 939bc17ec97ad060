#include "dipdrg/arrow_input.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "dipdrg/batch.hpp"

namespace dipdrg {
namespace {

enum class Kind {
    Utf8,
    LargeUtf8,
    StringView,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float32,
    Float64,
    Bool,
    List,
    LargeList,
    Null,       // the null type ("n"): every value absent
    Decimal,    // decimal32/64/128 ("d:P,S[,bits]"): exact text, e.g. 1234.56
    Date32,     // days since 1970-01-01: YYYY-MM-DD
    Date64,     // milliseconds since 1970-01-01: YYYY-MM-DD
    Timestamp,  // "ts{s,m,u,n}:tz": the local calendar date, YYYY-MM-DD
};

// Parameters of the parameterised types.
struct TypeParams {
    int decimal_scale = 0, decimal_bytes = 16;
    std::int64_t ticks_per_second = 1;  // timestamps
    std::int64_t offset_seconds = 0;    // a timestamp's zone, east of UTC
};

// The zones a Chinese settlement list uses: fixed offsets, UTC, and China's zones (no daylight
// saving since 1991). Other named zones are refused rather than guessed.
bool zone_offset(std::string_view tz, std::int64_t& seconds) {
    static constexpr std::string_view kChina[]
        = {"Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "Asia/Urumqi",
           "PRC",           "Asia/Hong_Kong", "Asia/Macau",     "Asia/Taipei", "Etc/GMT-8"};
    if (tz.empty() || tz == "UTC" || tz == "Z" || tz == "Etc/UTC" || tz == "GMT") return seconds = 0, true;
    for (auto zone : kChina)
        if (tz == zone) return seconds = 8 * 3600, true;
    if (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && tz[3] == ':') {
        int h = 0, m = 0;
        if (std::from_chars(tz.data() + 1, tz.data() + 3, h).ec != std::errc{}
            || std::from_chars(tz.data() + 4, tz.data() + 6, m).ec != std::errc{} || h > 23 || m > 59)
            return false;
        seconds = (tz[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
        return true;
    }
    return false;
}

bool parameterised_kind(std::string_view f, Kind& out, TypeParams& params, std::string& error) {
    if (f.rfind("d:", 0) == 0) {  // d:precision,scale[,bitwidth]
        int precision = 0, scale = 0, bits = 128;
        auto comma = f.find(',');
        if (comma == std::string_view::npos) return false;
        std::from_chars(f.data() + 2, f.data() + comma, precision);
        auto rest = f.substr(comma + 1);
        auto comma2 = rest.find(',');
        std::from_chars(rest.data(), rest.data() + (comma2 == std::string_view::npos ? rest.size() : comma2),
                        scale);
        if (comma2 != std::string_view::npos)
            std::from_chars(rest.data() + comma2 + 1, rest.data() + rest.size(), bits);
        if (bits != 32 && bits != 64 && bits != 128) {
            error = "decimal" + std::to_string(bits) + " is not supported (decimal32, 64 and 128 are)";
            return false;
        }
        if (scale < 0 || scale > 38) {
            error = "a decimal scale of " + std::to_string(scale) + " is not supported";
            return false;
        }
        params.decimal_scale = scale;
        params.decimal_bytes = bits / 8;
        return out = Kind::Decimal, true;
    }
    if (f == "tdD") return out = Kind::Date32, true;
    if (f == "tdm") return out = Kind::Date64, true;
    if (f.size() >= 4 && f.rfind("ts", 0) == 0 && f[3] == ':') {
        switch (f[2]) {
            case 's':
                params.ticks_per_second = 1;
                break;
            case 'm':
                params.ticks_per_second = 1000;
                break;
            case 'u':
                params.ticks_per_second = 1000000;
                break;
            case 'n':
                params.ticks_per_second = 1000000000;
                break;
            default:
                return false;
        }
        if (!zone_offset(f.substr(4), params.offset_seconds)) {
            error
                = "timestamps in time zone '" + std::string(f.substr(4))
                  + "' are not supported: give dates, naive timestamps, UTC, a fixed offset or a China zone";
            return false;
        }
        return out = Kind::Timestamp, true;
    }
    return false;
}

// Days since 1970-01-01 → civil date (proleptic Gregorian), as in H. Hinnant's algorithms.
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::string date_text(std::int64_t days) {
    std::int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
}

// An exact decimal: the unscaled integer with the point `scale` digits from the right.
std::string decimal_text(__int128 unscaled, int scale) {
    const bool negative = unscaled < 0;
    std::string digits;
    do {
        int digit = static_cast<int>(unscaled % 10);
        digits.insert(digits.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
        unscaled /= 10;
    } while (unscaled != 0);
    if (scale > 0) {
        if (digits.size() <= static_cast<std::size_t>(scale))
            digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(scale), 1, '.');
    }
    return negative ? "-" + digits : digits;
}

bool kind_of(const char* format, Kind& out) {
    std::string_view f(format ? format : "");
    struct Entry {
        std::string_view format;
        Kind kind;
    };
    static constexpr Entry kFormats[]
        = {{"u", Kind::Utf8},    {"U", Kind::LargeUtf8}, {"vu", Kind::StringView}, {"c", Kind::Int8},
           {"s", Kind::Int16},   {"i", Kind::Int32},     {"l", Kind::Int64},       {"C", Kind::UInt8},
           {"S", Kind::UInt16},  {"I", Kind::UInt32},    {"L", Kind::UInt64},      {"f", Kind::Float32},
           {"g", Kind::Float64}, {"b", Kind::Bool},      {"+l", Kind::List},       {"+L", Kind::LargeList},
           {"n", Kind::Null}};
    for (const auto& e : kFormats)
        if (e.format == f) {
            out = e.kind;
            return true;
        }
    return false;
}

bool is_valid(const ArrowArray& a, int64_t i) {
    if (a.null_count == 0 || a.n_buffers == 0 || a.buffers[0] == nullptr) return true;
    const int64_t j = i + a.offset;
    return (static_cast<const uint8_t*>(a.buffers[0])[j >> 3] >> (j & 7)) & 1;
}

template <class T>
T read(const void* buffer, int64_t i) {
    T v;
    std::memcpy(&v, static_cast<const char*>(buffer) + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
    return v;
}

// Reads one value of a (possibly dictionary-encoded) array as text.
class ValueReader {
public:
    ValueReader(const ArrowSchema& schema, const std::string& column) : schema_(&schema) {
        const ArrowSchema& values = schema.dictionary ? *schema.dictionary : schema;
        if (schema.dictionary && !kind_of(schema.format, index_kind_))
            throw std::invalid_argument("column '" + column + "': unsupported dictionary index type");
        std::string error;
        if (!kind_of(values.format, kind_) && !parameterised_kind(values.format, kind_, params_, error))
            throw std::invalid_argument("column '" + column + "' has Arrow type '"
                                        + std::string(values.format) + "', which dipdrg cannot read"
                                        + (error.empty() ? "" : ": " + error));
        if (kind_ == Kind::List || kind_ == Kind::LargeList) {
            if (values.n_children != 1)
                throw std::invalid_argument("column '" + column + "': malformed list type");
            child_ = std::make_unique<ValueReader>(*values.children[0], column);
            if (child_->kind_ == Kind::List || child_->kind_ == Kind::LargeList)
                throw std::invalid_argument("column '" + column + "': nested lists are not code lists");
        }
    }

    // False for a null. `scratch` holds text that is not in the array's own buffers.
    bool text(const ArrowArray& a, int64_t i, std::string& scratch, std::string_view& out) const {
        if (!is_valid(a, i)) return false;
        if (schema_->dictionary) {
            const int64_t j = i + a.offset;
            int64_t index = 0;
            switch (index_kind_) {
                case Kind::Int8:
                    index = read<int8_t>(a.buffers[1], j);
                    break;
                case Kind::Int16:
                    index = read<int16_t>(a.buffers[1], j);
                    break;
                case Kind::Int32:
                    index = read<int32_t>(a.buffers[1], j);
                    break;
                case Kind::Int64:
                    index = read<int64_t>(a.buffers[1], j);
                    break;
                case Kind::UInt8:
                    index = read<uint8_t>(a.buffers[1], j);
                    break;
                case Kind::UInt16:
                    index = read<uint16_t>(a.buffers[1], j);
                    break;
                case Kind::UInt32:
                    index = read<uint32_t>(a.buffers[1], j);
                    break;
                case Kind::UInt64:
                    index = static_cast<int64_t>(read<uint64_t>(a.buffers[1], j));
                    break;
                default:
                    return false;
            }
            if (!a.dictionary || index < 0 || index >= a.dictionary->length) return false;
            return plain(*a.dictionary, index, scratch, out);
        }
        return plain(a, i, scratch, out);
    }

private:
    bool plain(const ArrowArray& a, int64_t i, std::string& scratch, std::string_view& out) const {
        if (!is_valid(a, i)) return false;
        const int64_t j = i + a.offset;
        auto number = [&](auto v) {
            char buf[32];
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
            scratch.assign(buf, end);
            out = scratch;
            return true;
        };
        switch (kind_) {
            case Kind::Utf8: {
                const auto begin = read<int32_t>(a.buffers[1], j), end = read<int32_t>(a.buffers[1], j + 1);
                out = std::string_view(static_cast<const char*>(a.buffers[2]) + begin,
                                       static_cast<std::size_t>(end - begin));
                return true;
            }
            case Kind::LargeUtf8: {
                const auto begin = read<int64_t>(a.buffers[1], j), end = read<int64_t>(a.buffers[1], j + 1);
                out = std::string_view(static_cast<const char*>(a.buffers[2]) + begin,
                                       static_cast<std::size_t>(end - begin));
                return true;
            }
            case Kind::StringView: {
                const char* view = static_cast<const char*>(a.buffers[1]) + j * 16;
                int32_t length;
                std::memcpy(&length, view, 4);
                if (length <= 12) {
                    out = std::string_view(view + 4, static_cast<std::size_t>(length));
                } else {
                    int32_t buffer, offset;
                    std::memcpy(&buffer, view + 8, 4);
                    std::memcpy(&offset, view + 12, 4);
                    out = std::string_view(static_cast<const char*>(a.buffers[2 + buffer]) + offset,
                                           static_cast<std::size_t>(length));
                }
                return true;
            }
            case Kind::Int8:
                return number(read<int8_t>(a.buffers[1], j));
            case Kind::Int16:
                return number(read<int16_t>(a.buffers[1], j));
            case Kind::Int32:
                return number(read<int32_t>(a.buffers[1], j));
            case Kind::Int64:
                return number(read<int64_t>(a.buffers[1], j));
            case Kind::UInt8:
                return number(read<uint8_t>(a.buffers[1], j));
            case Kind::UInt16:
                return number(read<uint16_t>(a.buffers[1], j));
            case Kind::UInt32:
                return number(read<uint32_t>(a.buffers[1], j));
            case Kind::UInt64:
                return number(read<uint64_t>(a.buffers[1], j));
            case Kind::Float32:
                return floating(read<float>(a.buffers[1], j), scratch, out);
            case Kind::Float64:
                return floating(read<double>(a.buffers[1], j), scratch, out);
            case Kind::Bool: {
                const bool v = (static_cast<const uint8_t*>(a.buffers[1])[j >> 3] >> (j & 7)) & 1;
                scratch = v ? "1" : "0";
                out = scratch;
                return true;
            }
            case Kind::Null:
                return false;
            case Kind::Decimal:
            case Kind::Date32:
            case Kind::Date64:
            case Kind::Timestamp:
                return typed(a, j, scratch, out);
            case Kind::List:
            case Kind::LargeList: {
                int64_t begin, end;
                if (kind_ == Kind::List) {
                    begin = read<int32_t>(a.buffers[1], j);
                    end = read<int32_t>(a.buffers[1], j + 1);
                } else {
                    begin = read<int64_t>(a.buffers[1], j);
                    end = read<int64_t>(a.buffers[1], j + 1);
                }
                std::string joined, inner;
                std::string_view element;
                for (int64_t k = begin; k < end; ++k)
                    if (child_->text(*a.children[0], k, inner, element)) {
                        if (!joined.empty()) joined.push_back('|');
                        joined.append(element);
                    }
                scratch = std::move(joined);
                out = scratch;
                return true;
            }
        }
        return false;
    }

    bool typed(const ArrowArray& a, int64_t j, std::string& scratch, std::string_view& out) const {
        switch (kind_) {
            case Kind::Decimal: {
                __int128 unscaled = 0;
                const auto* bytes
                    = static_cast<const unsigned char*>(a.buffers[1]) + j * params_.decimal_bytes;
                if (params_.decimal_bytes == 4) {
                    unscaled = read<int32_t>(bytes, 0);
                } else if (params_.decimal_bytes == 8) {
                    unscaled = read<int64_t>(bytes, 0);
                } else {  // two's complement, little endian
                    std::uint64_t lo, hi;
                    std::memcpy(&lo, bytes, 8);
                    std::memcpy(&hi, bytes + 8, 8);
                    unscaled = static_cast<__int128>((static_cast<unsigned __int128>(hi) << 64) | lo);
                }
                scratch = decimal_text(unscaled, params_.decimal_scale);
                break;
            }
            case Kind::Date32:
                scratch = date_text(read<int32_t>(a.buffers[1], j));
                break;
            case Kind::Date64:
                scratch = date_text(floor_div(read<int64_t>(a.buffers[1], j), 86400000));
                break;
            case Kind::Timestamp: {  // the local calendar date: settlement fields are dates
                const std::int64_t ticks = read<int64_t>(a.buffers[1], j);
                const std::int64_t seconds
                    = floor_div(ticks, params_.ticks_per_second) + params_.offset_seconds;
                scratch = date_text(floor_div(seconds, 86400));
                break;
            }
            default:
                return false;
        }
        out = scratch;
        return true;
    }

    static bool floating(double v, std::string& scratch, std::string_view& out) {
        if (v != v) return false;  // NaN: absent (pandas' missing numbers)
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        scratch.assign(buf, end);
        out = scratch;
        return true;
    }

    const ArrowSchema* schema_;
    TypeParams params_;
    Kind kind_ = Kind::Utf8;
    Kind index_kind_ = Kind::Int32;
    std::unique_ptr<ValueReader> child_;
};

// Readers for the chosen columns of a record batch's schema; throws before any row is read.
std::vector<ValueReader> column_readers(const ArrowSchema& schema, const std::vector<int>& columns) {
    if (std::string_view(schema.format ? schema.format : "") != "+s")
        throw std::invalid_argument("an Arrow record batch (struct array) was expected");
    std::vector<ValueReader> readers;
    for (const int index : columns) {
        if (index < 0 || index >= schema.n_children) throw std::invalid_argument("column index out of range");
        readers.emplace_back(*schema.children[index],
                             schema.children[index]->name ? schema.children[index]->name : "");
    }
    return readers;
}

// fn(row, k, text) for every non-null cell of columns[k] in rows [begin, end), column by column.
template <class Fn>
void visit_text_cells(const std::vector<ValueReader>& readers, const std::vector<int>& columns,
                      const ArrowArray& batch, int64_t begin, int64_t end, Fn&& fn) {
    std::string scratch;
    std::string_view text;
    for (std::size_t k = 0; k < readers.size(); ++k) {
        const ArrowArray& column = *batch.children[columns[k]];
        // A struct's offset applies to its children too.
        for (int64_t i = begin; i < end; ++i)
            if (readers[k].text(column, i + batch.offset, scratch, text))
                fn(static_cast<std::size_t>(i), k, text);
    }
}

}  // namespace

void append_arrow_batch(const ArrowSchema& schema, const ArrowArray& batch,
                        const std::vector<std::pair<CaseField, int>>& mapping, std::vector<Case>& cases,
                        unsigned threads) {
    std::vector<int> columns;
    for (const auto& entry : mapping) columns.push_back(entry.second);
    const auto readers = column_readers(schema, columns);
    const std::size_t first = cases.size();
    cases.resize(first + static_cast<std::size_t>(batch.length));
    // Rows are independent: each thread parses its own range into the cases already in place.
    parallel_for(static_cast<std::size_t>(batch.length), threads, [&](std::size_t begin, std::size_t end) {
        visit_text_cells(readers, columns, batch, static_cast<int64_t>(begin), static_cast<int64_t>(end),
                         [&](std::size_t row, std::size_t k, std::string_view text) {
                             set_field(cases[first + row], mapping[k].first, text);
                         });
    });
}

ArrowStreamReader::ArrowStreamReader(ArrowArrayStream* stream) {
    if (!stream || !stream->release)
        throw std::invalid_argument("an unreleased ArrowArrayStream was expected");
    stream_ = *stream;
    stream->release = nullptr;  // moved: the producer's capsule no longer releases it
    if (int rc = stream_.get_schema(&stream_, &schema_); rc != 0) {
        const char* err = stream_.get_last_error(&stream_);
        throw std::runtime_error(std::string("Arrow stream: cannot read the schema: ")
                                 + (err ? err : "error"));
    }
    for (int64_t i = 0; i < schema_.n_children; ++i) {
        std::string name = schema_.children[i]->name ? schema_.children[i]->name : "";
        // One rule for every input path: a repeated column name is refused, never resolved to the first.
        if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
            if (schema_.release) schema_.release(&schema_);
            if (stream_.release) stream_.release(&stream_);
            throw std::invalid_argument("the input has more than one column named '" + name + "'");
        }
        names_.push_back(std::move(name));
    }
}

ArrowStreamReader::~ArrowStreamReader() {
    if (schema_.release) schema_.release(&schema_);
    if (stream_.release) stream_.release(&stream_);
}

void ArrowStreamReader::for_each_batch(const std::function<void(const ArrowSchema&, const ArrowArray&)>& fn) {
    while (true) {
        ArrowArray batch{};
        if (int rc = stream_.get_next(&stream_, &batch); rc != 0) {
            const char* err = stream_.get_last_error(&stream_);
            throw std::runtime_error(std::string("Arrow stream: ") + (err ? err : "error reading a batch"));
        }
        if (!batch.release) break;  // end of stream
        struct Release {
            ArrowArray* a;
            ~Release() {
                if (a->release) a->release(a);
            }
        } guard{&batch};
        fn(schema_, batch);
    }
}

std::vector<Case> ArrowStreamReader::read_all(const std::vector<std::pair<CaseField, int>>& mapping,
                                              unsigned threads) {
    std::vector<Case> cases;
    for_each_batch([&](const ArrowSchema& schema, const ArrowArray& batch) {
        append_arrow_batch(schema, batch, mapping, cases, threads);
    });
    return cases;
}

void for_each_text_cell(const ArrowSchema& schema, const ArrowArray& batch, const std::vector<int>& columns,
                        const std::function<void(std::size_t, std::size_t, std::string_view)>& fn) {
    visit_text_cells(column_readers(schema, columns), columns, batch, 0, batch.length, fn);
}

}  // namespace dipdrg
