#pragma once
// Boost's binary input archive with every length it reads checked against the payload's size
// before anything is allocated: a snapshot whose payload was altered (its checksum recomputed)
// could otherwise ask for a string or a vector of any size. Private to the snapshot reader.
#include <boost/archive/binary_iarchive_impl.hpp>
#include <boost/archive/detail/register_archive.hpp>
#include <boost/serialization/array_optimization.hpp>
#include <boost/serialization/collection_size_type.hpp>
#include <cstddef>
#include <istream>
#include <stdexcept>
#include <string>

namespace dipdrg::catalog {

class bounded_iarchive
    : public boost::archive::binary_iarchive_impl<bounded_iarchive, std::istream::char_type,
                                                  std::istream::traits_type> {
    using base = boost::archive::binary_iarchive_impl<bounded_iarchive, std::istream::char_type,
                                                      std::istream::traits_type>;
    friend class boost::archive::detail::interface_iarchive<bounded_iarchive>;
    friend class boost::archive::basic_binary_iarchive<bounded_iarchive>;
    friend class boost::archive::basic_binary_iprimitive<bounded_iarchive, std::istream::char_type,
                                                         std::istream::traits_type>;
    friend class boost::archive::load_access;

public:
    bounded_iarchive(std::istream& is, unsigned flags, std::size_t limit) : base(is, flags), limit_(limit) {
        init(flags);
    }

    // Element counts of vectors and arrays: no more elements than bytes in the payload.
    template <class T>
    void load_override(T& t) {
        base::load_override(t);
    }
    void load_override(boost::serialization::collection_size_type& t) {
        base::load_override(t);
        check(t);
    }

    using base::load;
    // Strings: the length is checked before the string is sized.
    void load(std::string& s) {
        std::size_t length = 0;
        this->load_binary(&length, sizeof length);
        check(length);
        s.resize(length);
        if (length > 0) this->load_binary(s.data(), length);
    }

private:
    void check(std::size_t n) const {
        if (n > limit_) throw std::length_error("a length of " + std::to_string(n) + " exceeds the payload");
    }
    std::size_t limit_;
};

}  // namespace dipdrg::catalog

// As for binary_iarchive: vectors of primitives are read as one block (the snapshot's format).
BOOST_SERIALIZATION_REGISTER_ARCHIVE(dipdrg::catalog::bounded_iarchive)
BOOST_SERIALIZATION_USE_ARRAY_OPTIMIZATION(dipdrg::catalog::bounded_iarchive)
