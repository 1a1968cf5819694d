// The HTTP/1.1 transport: Boost.Beast on Asio.
//
// I/O threads only read and write HTTP; each parsed request is handed to a
// worker pool where the Handler runs (database calls, password hashing and
// report building block, so they must not hold an I/O thread): reads to one,
// writes to another. Keep-alive connections cost no thread while idle.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace varde::http {

using Handler = std::function<Response(Request&)>;

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 0;       // 0: one per core
  int worker_threads = 0;   // for reads (GET, HEAD); 0: two per core, at least 4
  int write_threads = 0;    // for every other method; 0: two per core, at least 4
  std::size_t max_body_bytes = 8 * 1024 * 1024;
};

// The worker count a pool gets when its option is 0: two per core, at least 4.
int default_worker_threads();

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket. Throws std::runtime_error naming the address
  // when it cannot. Returns the port bound (useful when options.port was 0).
  unsigned short listen();

  // Serves until stop() is called or SIGTERM/SIGINT arrives; then stops
  // accepting, lets requests in flight finish, and returns.
  void run();

  // Asks run() to return after finishing the requests in flight. Thread-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace varde::http
