#include "http/server.hpp"

// <utility> must precede the Asio headers: with g++ 12 in C++20 mode some Asio
// headers use std::exchange without including it themselves.
#include <utility>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <sys/socket.h>

#include <cerrno>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

namespace varde::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

int default_worker_threads() {
  return std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
}

namespace {

constexpr std::uint32_t kHeaderLimit = 64 * 1024;
// How long a keep-alive connection may sit idle, and how long one request may
// take to arrive or one response to be taken by the client.
constexpr auto kIoTimeout = std::chrono::seconds(60);
// After we stop talking to a client we still read (and discard) what it sends
// for a moment, so a close with unread input does not send a TCP reset that
// could destroy the answer before the client has read it.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr std::size_t kLingerReadSize = 16 * 1024;
// Pause before accepting again after accept() failed, e.g. out of descriptors;
// retrying at once would spin.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

constexpr std::string_view kProblemJson = "application/problem+json";

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string fresh_request_id() {
  // Request ids correlate log lines; they are not secrets, so a per-thread
  // PRNG seeded once from random_device is enough.
  thread_local std::mt19937_64 rng{[] {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  }()};
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(rng()));
  return out;
}

// A client-chosen id lands in our logs and response headers, so accept only
// short, plain ones.
bool sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
  });
}

// Handler-supplied headers are written verbatim, so refuse anything that could
// split the response (CR/LF) or is not a valid field name.
bool valid_header(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool token = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                       (c >= '0' && c <= '9') ||
                       std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!token) return false;
  }
  return std::none_of(value.begin(), value.end(),
                      [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// Beast 1.74 has its own string_view type.
std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

Response problem(int status, std::string_view title) {
  Response r;
  r.status = status;
  r.content_type = std::string(kProblemJson);
  r.body = R"({"type":"about:blank","title":")" + std::string(title) +
           R"(","status":)" + std::to_string(status) + "}";
  return r;
}

std::string address_string(const net::ip::address& a) {
  // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; report them
  // the way they would appear on an IPv4 listener.
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6()).to_string();
  }
  return a.to_string();
}

class Session;

// Everything the server shares between run(), stop() and its connections.
// (Server::Impl is private to Server, so connections talk to this instead.)
class Core {
 public:
  Core(ServerOptions options, Handler handler);
  ~Core();

  unsigned short listen();
  void run();
  void stop();

  // --- used by sessions ---
  std::size_t max_body_bytes() const { return options_.max_body_bytes; }
  bool stopping() const { return stopping_flag_.load(std::memory_order_acquire); }
  // Reads and writes have workers of their own: a writer waiting for the
  // database's write lock, or hashing a password, then never holds a thread
  // that a read could run on, and reads on SQLite, which never wait, can run
  // on as many threads as there are cores instead of being time-sliced.
  net::thread_pool& workers_for(bool read) { return read ? *readers_ : *writers_; }
  // Counts a request as in flight, unless the server is draining; a drain
  // must never see zero and then have a new request start.
  bool try_begin_request();
  void end_request();
  void unregister_session(Session* s);
  Response call_handler(Request& req);

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void run_io();
  std::vector<std::shared_ptr<Session>> live_sessions();

  ServerOptions options_;
  Handler handler_;
  int io_count_;
  int reader_count_;
  int writer_count_;

  // Declared before the io_context: sessions destroyed along with it still
  // unregister and release their in-flight count here.
  std::mutex mutex_;
  std::condition_variable cv_;
  bool ran_ = false;
  bool stop_requested_ = false;
  bool stopping_ = false;
  std::size_t active_ = 0;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
  std::atomic<bool> stopping_flag_{false};

  net::io_context ioc_;
  // The acceptor and its retry timer live on one strand, so that accepting
  // and closing from the shutdown path never run at the same time.
  tcp::acceptor acceptor_;
  net::steady_timer accept_pause_;
  std::optional<net::thread_pool> readers_;
  std::optional<net::thread_pool> writers_;
  std::vector<std::thread> io_threads_;
};

// One client connection. All members are used only on the connection's
// strand, except core_ and strand_, which are fixed at construction.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Core& core, tcp::socket socket, std::string remote)
      : core_(core),
        strand_(socket.get_executor()),
        stream_(std::move(socket)),
        remote_(std::move(remote)) {}

  ~Session() {
    release_request();
    core_.unregister_session(this);
  }

  net::any_io_executor strand() const { return strand_; }

  void start() {
    net::dispatch(strand_, [self = shared_from_this()] { self->read_header(); });
  }

  // Shutdown: a connection waiting for its next request is closed; one
  // whose request is being handled is left to answer (it closes afterwards).
  void close_if_idle() {
    if (!busy_) stream_.close();
  }

  void force_close() { stream_.close(); }

 private:
  void read_header() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(core_.max_body_bytes());
    started_ = Clock::now();
    stream_.expires_after(kIoTimeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return fail_read(ec);
    started_ = Clock::now();
    const auto& m = parser_->get();
    if (parser_->is_done()) return dispatch_request();

    // Clients that sent "Expect: 100-continue" wait (curl: one second) for
    // this before sending the body. An over-limit Content-Length never gets
    // here: the parser has already failed with body_limit.
    if (m.version() >= 11 && iequals(sv(m[bhttp::field::expect]), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec) return self->stream_.close();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(kIoTimeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec) return self->fail_read(ec);
          self->dispatch_request();
        });
  }

  void fail_read(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return send_error(413, "Forespørselen er for stor");
    if (ec == bhttp::error::header_limit) return send_error(431, "Hodefeltene er for store");
    const bool parse_error = ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                             ec != bhttp::error::end_of_stream &&
                             ec != bhttp::error::partial_message;
    if (parse_error) return send_error(400, "Ugyldig HTTP-forespørsel");
    // The client closed (between or in the middle of requests), timed out,
    // reset, or we closed the socket ourselves: nobody is left to answer.
    if (ec == bhttp::error::end_of_stream) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
    stream_.close();
  }

  void dispatch_request() {
    if (!core_.try_begin_request()) {
      // Draining: a request that arrives now is not started; closing tells
      // the client to retry elsewhere.
      stream_.close();
      return;
    }
    counted_ = true;
    busy_ = true;

    auto& m = parser_->get();
    Request req;
    req.method = std::string(m.method_string());
    method_ = req.method;
    // HEAD is answered by the GET handler; write_response drops the body.
    head_ = m.method() == bhttp::verb::head;
    if (head_) req.method = "GET";
    req.target = std::string(m.target());
    target_ = req.target;
    const std::string_view target = req.target;
    const auto q = target.find('?');
    req.path = percent_decode(target.substr(0, q));
    if (q != std::string_view::npos) req.query = parse_query(target.substr(q + 1));
    req.headers.reserve(static_cast<std::size_t>(std::distance(m.begin(), m.end())));
    for (const auto& field : m) {
      req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    req.body = std::move(m.body());
    req.remote_address = remote_;
    const std::string_view sent_id = sv(m["X-Request-Id"]);
    req.request_id = sane_request_id(sent_id) ? std::string(sent_id) : fresh_request_id();
    request_id_ = req.request_id;
    version_ = m.version();
    keep_alive_ = m.keep_alive();
    parser_.reset();

    const bool read = req.method == "GET";
    net::post(core_.workers_for(read), [self = shared_from_this(), req = std::move(req)]() mutable {
      // A read whose client hung up while it waited for a worker is not run:
      // under overload a client that gave up (a browser tab closed, a load
      // run's end) leaves its requests queued, and working through them
      // only makes every client still waiting wait longer.
      if (req.method == "GET" && self->peer_closed()) {
        spdlog::info("request_id={} method={} target={} dropped: the client closed the connection while it waited",
                     req.request_id, req.method, req.target);
        net::post(self->strand_, [self] { self->abandon(); });
        return;
      }
      Response res = self->core_.call_handler(req);
      net::post(self->strand_, [self, res = std::move(res)]() mutable {
        self->write_response(std::move(res));
      });
    });
  }

  // Whether the client has closed its side (or reset the connection): a
  // peek that reads end-of-file. Nothing else reads the socket while the
  // request is with a worker, and the peek takes no bytes.
  bool peer_closed() {
    char byte;
    const auto n = ::recv(stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
  }

  // Ends a connection whose client left before its request was run.
  void abandon() {
    busy_ = false;
    stream_.close();
    release_request();
  }

  void write_response(Response r) {
    if (r.status < 200 || r.status > 599) {
      // 1xx would break the framing and >599 is not HTTP; treat as a bug.
      spdlog::error("request_id={} handler returned invalid status {}", request_id_, r.status);
      r = problem(500, "Intern feil");
    }
    res_ = {};
    res_.version(version_);
    res_.result(static_cast<unsigned>(r.status));
    for (auto& [name, value] : r.headers) {
      // Framing is ours to decide; a handler's Content-Length could desync it.
      if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
          iequals(name, "Connection")) {
        continue;
      }
      if (!valid_header(name, value)) {
        spdlog::warn("request_id={} dropped a response header with an invalid name or value",
                     request_id_);
        continue;
      }
      res_.insert(name, value);
    }
    if (!r.content_type.empty()) res_.set(bhttp::field::content_type, r.content_type);
    res_.set("X-Request-Id", request_id_);
    res_.keep_alive(keep_alive_ && !core_.stopping());
    // 204 and 304 have no body by definition; 204 must not even announce one.
    if (r.status == 204 || r.status == 304) {
      r.body.clear();
    } else {
      res_.content_length(r.body.size());
    }
    // For HEAD the Content-Length stays that of the GET answer, without the body.
    if (!head_) res_.body() = std::move(r.body);
    write();
  }

  // Errors found while reading: answer, then close the connection, since the
  // rest of the input cannot be trusted to start at a request boundary.
  void send_error(int status, std::string_view title) {
    busy_ = true;
    request_id_ = fresh_request_id();
    if (parser_ && parser_->is_header_done()) {
      method_ = std::string(parser_->get().method_string());
      target_ = std::string(parser_->get().target());
    } else {
      method_ = "-";
      target_ = "-";
    }
    parser_.reset();
    head_ = false;
    keep_alive_ = false;
    version_ = 11;
    Response r = problem(status, title);
    res_ = {};
    res_.version(version_);
    res_.result(static_cast<unsigned>(status));
    res_.set(bhttp::field::content_type, r.content_type);
    res_.set("X-Request-Id", request_id_);
    res_.keep_alive(false);
    res_.content_length(r.body.size());
    res_.body() = std::move(r.body);
    write();
  }

  void write() {
    stream_.expires_after(kIoTimeout);
    bhttp::async_write(stream_, res_,
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         self->on_write(ec);
                       });
  }

  void on_write(beast::error_code ec) {
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    spdlog::info("request_id={} method={} target={} status={} duration_ms={:.1f} remote={}{}",
                 request_id_, method_, target_, res_.result_int(), ms, remote_,
                 ec ? " write_error=" + ec.message() : std::string());
    busy_ = false;
    const bool keep = !ec && res_.keep_alive() && !core_.stopping();
    res_ = {};  // an idle connection should not hold the last body
    if (ec) {
      stream_.close();
    } else if (!keep) {
      // Send FIN right after the answer, before the drain may let run() tear
      // the server down.
      linger();
    }
    release_request();
    if (keep) read_header();
  }

  void linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    buffer_.clear();
    stream_.expires_after(kLingerTimeout);
    drain();
  }

  void drain() {
    stream_.async_read_some(buffer_.prepare(kLingerReadSize),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              // Also stops at the timeout: a client that keeps
                              // sending does not keep the connection.
                              if (ec) return self->stream_.close();
                              self->drain();
                            });
  }

  void release_request() {
    if (counted_) {
      counted_ = false;
      core_.end_request();
    }
  }

  Core& core_;
  const net::any_io_executor strand_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;  // lives until async_write is done
  const std::string remote_;

  bool busy_ = false;     // a request is with the handler or being answered
  bool counted_ = false;  // holds one of Core's in-flight counts

  // The request being answered, for the response and the log line.
  std::string request_id_;
  std::string method_;
  std::string target_;
  Clock::time_point started_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
};

int default_io_threads() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}


Core::Core(ServerOptions options, Handler handler)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      io_count_(options_.io_threads > 0 ? options_.io_threads : default_io_threads()),
      reader_count_(options_.worker_threads > 0 ? options_.worker_threads : default_worker_threads()),
      writer_count_(options_.write_threads > 0 ? options_.write_threads : default_worker_threads()),
      ioc_(io_count_),
      acceptor_(net::make_strand(ioc_)),
      accept_pause_(acceptor_.get_executor()) {}

Core::~Core() {
  // Only reached with threads still running if run() failed half-way.
  if (!io_threads_.empty()) {
    ioc_.stop();
    for (auto& t : io_threads_) {
      if (t.joinable()) t.join();
    }
  }
}

unsigned short Core::listen() {
  if (acceptor_.is_open()) return acceptor_.local_endpoint().port();

  const bool v6 = options_.address.find(':') != std::string::npos;
  const std::string where = (v6 ? "[" + options_.address + "]" : options_.address) + ":" +
                            std::to_string(options_.port);
  try {
    tcp::endpoint endpoint;
    beast::error_code ec;
    const auto address = net::ip::make_address(options_.address, ec);
    if (!ec) {
      endpoint = tcp::endpoint(address, options_.port);
    } else {
      // Not a literal address: allow host names such as "localhost".
      tcp::resolver resolver(ioc_);
      const auto results = resolver.resolve(options_.address, std::to_string(options_.port),
                                            tcp::resolver::passive);
      endpoint = results.begin()->endpoint();
    }
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    return acceptor_.local_endpoint().port();
  } catch (const boost::system::system_error& e) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    throw std::runtime_error("cannot listen on " + where + ": " + e.code().message());
  }
}

void Core::run() {
  {
    std::lock_guard lock(mutex_);
    if (ran_) throw std::logic_error("Server::run() may be called only once");
    ran_ = true;
  }
  const unsigned short port = listen();
  readers_.emplace(static_cast<std::size_t>(reader_count_));
  writers_.emplace(static_cast<std::size_t>(writer_count_));
  // While a request is with a worker its connection has no I/O pending; without
  // this guard the io threads could run out of work and exit before the
  // answer is posted back.
  auto keep_running = net::make_work_guard(ioc_);

  net::signal_set signals(ioc_, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code ec, int signo) {
    if (ec) return;
    spdlog::info("signal {} received, shutting down", signo);
    stop();
  });
  net::post(acceptor_.get_executor(), [this] { do_accept(); });

  try {
    for (int i = 0; i < io_count_; ++i) io_threads_.emplace_back([this] { run_io(); });
  } catch (...) {
    ioc_.stop();
    for (auto& t : io_threads_) t.join();
    io_threads_.clear();
    throw;
  }
  spdlog::info("http server listening on {}:{} ({} io threads, {} read and {} write workers)", options_.address,
               port, io_count_, reader_count_, writer_count_);

  {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return stop_requested_; });
    stopping_ = true;
    stopping_flag_.store(true, std::memory_order_release);
  }
  spdlog::info("http server stopping: finishing requests in flight");

  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_pause_.cancel();
  });
  // Restore the default dispositions, so that a second Ctrl-C kills a drain
  // that hangs; the pending wait is cancelled with them.
  net::post(ioc_, [&signals] {
    beast::error_code ignored;
    signals.clear(ignored);
    signals.cancel(ignored);
  });
  for (auto& s : live_sessions()) {
    net::post(s->strand(), [s] { s->close_if_idle(); });
  }

  {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return active_ == 0; });
  }
  readers_->join();
  writers_->join();
  keep_running.reset();
  ioc_.stop();
  for (auto& t : io_threads_) t.join();
  io_threads_.clear();

  // Close what is left (connections lingering after their last answer, or
  // accepted just as we stopped) on this thread; no io thread runs any more,
  // so no strand is entered twice.
  ioc_.restart();
  for (auto& s : live_sessions()) {
    net::post(s->strand(), [s] { s->force_close(); });
  }
  ioc_.poll();
  spdlog::info("http server stopped");
}

void Core::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_requested_ = true;
  }
  cv_.notify_all();
}

bool Core::try_begin_request() {
  std::lock_guard lock(mutex_);
  if (stopping_) return false;
  ++active_;
  return true;
}

void Core::end_request() {
  {
    std::lock_guard lock(mutex_);
    --active_;
  }
  cv_.notify_all();
}

void Core::unregister_session(Session* s) {
  std::lock_guard lock(mutex_);
  sessions_.erase(s);
}

std::vector<std::shared_ptr<Session>> Core::live_sessions() {
  std::vector<std::shared_ptr<Session>> out;
  std::lock_guard lock(mutex_);
  out.reserve(sessions_.size());
  for (auto& [ptr, weak] : sessions_) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

Response Core::call_handler(Request& req) {
  try {
    return handler_(req);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} handler failed: {}", req.request_id, e.what());
  } catch (...) {
    spdlog::error("request_id={} handler failed with a non-standard exception", req.request_id);
  }
  // The client learns only that it failed; the cause stays in our log.
  return problem(500, "Intern feil");
}

void Core::do_accept() {
  // Each connection gets its own strand, so its handlers never overlap even
  // with several io threads.
  acceptor_.async_accept(net::make_strand(ioc_),
                         [this](beast::error_code ec, tcp::socket socket) {
                           on_accept(ec, std::move(socket));
                         });
}

void Core::on_accept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open()) return;  // shutting down
  if (ec) {
    spdlog::warn("accept failed: {}", ec.message());
    accept_pause_.expires_after(kAcceptRetryDelay);
    accept_pause_.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && acceptor_.is_open()) do_accept();
    });
    return;
  }

  beast::error_code ignored;
  // Responses go out in one write; Nagle would only delay them.
  socket.set_option(tcp::no_delay(true), ignored);
  const auto peer = socket.remote_endpoint(ignored);
  std::string remote = ignored ? std::string("-") : address_string(peer.address());

  auto session = std::make_shared<Session>(*this, std::move(socket), std::move(remote));
  bool registered = false;
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      sessions_.emplace(session.get(), session);
      registered = true;
    }
  }
  if (registered) session->start();
  do_accept();
}

void Core::run_io() {
  // A throwing completion handler would otherwise end the thread and with it
  // the process; log it and keep serving.
  for (;;) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("http io thread: unexpected exception: {}", e.what());
    }
  }
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, Handler handler)
      : core(std::move(options), std::move(handler)) {}
  Core core;
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

unsigned short Server::listen() { return impl_->core.listen(); }

void Server::run() { impl_->core.run(); }

void Server::stop() { impl_->core.stop(); }

}  // namespace varde::http
