#include "dipdrg/arrow_input.hpp"

#include <charconv>
#include <cstring>
#include <memory>
#include <stdexcept>

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
    LargeList
};

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
           {"g", Kind::Float64}, {"b", Kind::Bool},      {"+l", Kind::List},       {"+L", Kind::LargeList}};
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
        if (!kind_of(values.format, kind_))
            throw std::invalid_argument("column '" + column + "' has Arrow type '"
                                        + std::string(values.format) + "', which dipdrg cannot read");
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

    static bool floating(double v, std::string& scratch, std::string_view& out) {
        if (v != v) return false;  // NaN: absent (pandas' missing numbers)
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        scratch.assign(buf, end);
        out = scratch;
        return true;
    }

    const ArrowSchema* schema_;
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

// fn(row, k, text) for every non-null cell of columns[k], column by column.
template <class Fn>
void visit_text_cells(const std::vector<ValueReader>& readers, const std::vector<int>& columns,
                      const ArrowArray& batch, Fn&& fn) {
    std::string scratch;
    std::string_view text;
    for (std::size_t k = 0; k < readers.size(); ++k) {
        const ArrowArray& column = *batch.children[columns[k]];
        // A struct's offset applies to its children too.
        for (int64_t i = 0; i < batch.length; ++i)
            if (readers[k].text(column, i + batch.offset, scratch, text))
                fn(static_cast<std::size_t>(i), k, text);
    }
}

}  // namespace

void append_arrow_batch(const ArrowSchema& schema, const ArrowArray& batch,
                        const std::vector<std::pair<CaseField, int>>& mapping, std::vector<Case>& cases) {
    std::vector<int> columns;
    for (const auto& entry : mapping) columns.push_back(entry.second);
    const auto readers = column_readers(schema, columns);
    const std::size_t first = cases.size();
    cases.resize(first + static_cast<std::size_t>(batch.length));
    visit_text_cells(readers, columns, batch, [&](std::size_t row, std::size_t k, std::string_view text) {
        set_field(cases[first + row], mapping[k].first, text);
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
    for (int64_t i = 0; i < schema_.n_children; ++i)
        names_.emplace_back(schema_.children[i]->name ? schema_.children[i]->name : "");
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

std::vector<Case> ArrowStreamReader::read_all(const std::vector<std::pair<CaseField, int>>& mapping) {
    std::vector<Case> cases;
    for_each_batch([&](const ArrowSchema& schema, const ArrowArray& batch) {
        append_arrow_batch(schema, batch, mapping, cases);
    });
    return cases;
}

void for_each_text_cell(const ArrowSchema& schema, const ArrowArray& batch, const std::vector<int>& columns,
                        const std::function<void(std::size_t, std::size_t, std::string_view)>& fn) {
    visit_text_cells(column_readers(schema, columns), columns, batch, fn);
}

}  // namespace dipdrg
