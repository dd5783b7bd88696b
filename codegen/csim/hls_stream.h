// polyallo's own C-simulation subset of Vitis HLS's <hls_stream.h>: hls::stream<T>.
//
// Written for polyallo from the documented behaviour of the Vitis type (no Xilinx code).
// An unbounded FIFO backed by std::deque (the depth parameter is accepted and ignored):
//   write(v), << v       append v (never blocks; full() is always false in C simulation)
//   read(), read(v), >> v  remove and return the oldest element; reading an empty stream
//                        prints a message to stderr and returns T() (hardware would block)
//   read_nb(v), write_nb(v)  non-blocking forms: false (and v unchanged) when empty
//   empty(), full(), size(), name()
// Streams are neither copyable nor assignable (pass them by reference, as in Vitis);
// they are default-constructible, so arrays of streams (`hls::stream<T> s[2][2]`, what
// the emitter declares for Stream[T, depth][2, 2]) work, and the depth is a pragma of
// the emitted code, never a template argument. A stream destroyed with elements left
// says so on stderr, as Vitis's does: in a dataflow region it means a producer put more
// than its consumer got, which hangs in hardware.
#ifndef POLYALLO_CSIM_HLS_STREAM_H
#define POLYALLO_CSIM_HLS_STREAM_H

#include <cstddef>
#include <cstdio>
#include <deque>
#include <string>
#include <utility>

namespace hls {

template <class T, int Depth = 0> class stream {
public:
  stream() = default;
  explicit stream(const char* name) : name_(name != nullptr ? name : "") {}
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;
  ~stream() {
    if (!fifo_.empty()) {
      std::fprintf(stderr, "hls::stream '%s' contains leftover data (%zu elements)\n",
                   name_.c_str(), fifo_.size());
    }
  }

  bool empty() const { return fifo_.empty(); }
  bool full() const { return false; }
  std::size_t size() const { return fifo_.size(); }
  const char* name() const { return name_.c_str(); }

  void write(const T& v) { fifo_.push_back(v); }
  bool write_nb(const T& v) {
    write(v);
    return true;
  }
  void operator<<(const T& v) { write(v); }

  T read() {
    if (fifo_.empty()) {
      std::fprintf(stderr, "hls::stream '%s': read while empty (C simulation returns T())\n",
                   name_.c_str());
      return T();
    }
    T v = std::move(fifo_.front());
    fifo_.pop_front();
    return v;
  }
  void read(T& v) { v = read(); }
  bool read_nb(T& v) {
    if (fifo_.empty()) {
      return false;
    }
    v = read();
    return true;
  }
  void operator>>(T& v) { v = read(); }

private:
  std::deque<T> fifo_;
  std::string name_;
};

} // namespace hls

#endif // POLYALLO_CSIM_HLS_STREAM_H
