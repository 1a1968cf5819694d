// Tests for src/http: the message helpers, and the Beast server driven over
// real loopback connections by a small Beast client.

#include <utility>  // before Asio: g++ 12 in C++20 mode needs it

#include <atomic>
#include <chrono>
#include <csignal>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include "http/message.hpp"
#include "http/server.hpp"

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;
using varde::http::Request;
using varde::http::Response;
using varde::http::Server;
using varde::http::ServerOptions;

// ---------------------------------------------------------------- message

TEST(HttpMessage, PercentDecode) {
  using varde::http::percent_decode;
  EXPECT_EQ(percent_decode("a%20b"), "a b");
  EXPECT_EQ(percent_decode("bl%C3%A6r"), "bl\xC3\xA6r");
  EXPECT_EQ(percent_decode("%C3%A6"), "æ");
  EXPECT_EQ(percent_decode("%c3%a6"), "æ");
  EXPECT_EQ(percent_decode("a%2Fb"), "a/b");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%2B", true), "+");
  // Invalid escapes stay as they are.
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%4"), "%4");
  EXPECT_EQ(percent_decode("%zz%4g"), "%zz%4g");
  EXPECT_EQ(percent_decode("%%41"), "%A");
  EXPECT_EQ(percent_decode(""), "");
}

TEST(HttpMessage, ParseQuery) {
  const auto q = varde::http::parse_query("a=1&b=x%20y&flag&&=ignored&a=2&d=%C3%A6+x&e=a=b");
  EXPECT_EQ(q.at("a"), "1");  // the first occurrence wins
  EXPECT_EQ(q.at("b"), "x y");
  EXPECT_EQ(q.at("flag"), "");
  EXPECT_EQ(q.at("d"), "æ x");
  EXPECT_EQ(q.at("e"), "a=b");
  EXPECT_EQ(q.count(""), 0u);
  EXPECT_EQ(q.size(), 5u);
  EXPECT_TRUE(varde::http::parse_query("").empty());
  EXPECT_EQ(varde::http::parse_query("na%C3%AFve%20key=1").at("naïve key"), "1");
}

TEST(HttpMessage, HeaderIsCaseInsensitive) {
  Request req;
  req.headers = {{"Content-Type", "text/plain"}, {"X-Dup", "first"}, {"x-dup", "second"}};
  EXPECT_EQ(req.header("content-type"), "text/plain");
  EXPECT_EQ(req.header("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(req.header("X-DUP"), "first");
  EXPECT_EQ(req.header("Missing"), "");
}

TEST(HttpMessage, Cookie) {
  Request req;
  req.headers = {{"cookie", "a=1; session=abc%20def;b=\"quoted\" ;  empty=; junk; c=x=y"}};
  EXPECT_EQ(req.cookie("a"), "1");
  EXPECT_EQ(req.cookie("session"), "abc%20def");  // cookie values are not decoded
  EXPECT_EQ(req.cookie("b"), "quoted");
  EXPECT_EQ(req.cookie("empty"), "");
  EXPECT_EQ(req.cookie("c"), "x=y");
  EXPECT_EQ(req.cookie("SESSION"), "");  // names are case-sensitive
  EXPECT_EQ(req.cookie("junk"), "");
  EXPECT_EQ(req.cookie("missing"), "");

  Request none;
  EXPECT_EQ(none.cookie("a"), "");
}

TEST(HttpMessage, QueryParam) {
  Request req;
  req.query = {{"page", "2"}};
  EXPECT_EQ(req.query_param("page"), "2");
  EXPECT_EQ(req.query_param("size"), "");
  EXPECT_EQ(req.query_param("size", "50"), "50");
}

// ----------------------------------------------------------------- client

// A blocking client for the tests. It uses async operations run to completion
// only so that every step has a timeout: a server bug then fails a test
// instead of hanging the whole suite.
class Client {
 public:
  explicit Client(unsigned short port) {
    run([&](auto done) {
      stream_.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                            [done](beast::error_code ec) { done(ec); });
    });
  }

  void write_raw(const std::string& data) {
    run([&](auto done) {
      net::async_write(stream_, net::buffer(data),
                       [done](beast::error_code ec, std::size_t) { done(ec); });
    });
  }

  void send(bhttp::request<bhttp::string_body> req) {
    req.prepare_payload();
    run([&](auto done) {
      bhttp::async_write(stream_, req, [done](beast::error_code ec, std::size_t) { done(ec); });
    });
  }

  bhttp::response<bhttp::string_body> receive(bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    parser.skip(head);  // a response to HEAD announces a body it does not send
    run([&](auto done) {
      bhttp::async_read(stream_, buffer_, parser,
                        [done](beast::error_code ec, std::size_t) { done(ec); });
    });
    return parser.release();
  }

  bhttp::response<bhttp::string_body> request(bhttp::verb verb, const std::string& target,
                                              const std::string& body = "") {
    bhttp::request<bhttp::string_body> req{verb, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.body() = body;
    send(std::move(req));
    return receive(verb == bhttp::verb::head);
  }

  // True when the server has closed the connection (nothing more to read).
  bool closed_by_server() {
    char byte;
    beast::error_code result;
    stream_.expires_after(5s);
    stream_.async_read_some(net::buffer(&byte, 1),
                            [&](beast::error_code ec, std::size_t) { result = ec; });
    ioc_.restart();
    ioc_.run();
    return result == net::error::eof || result == net::error::connection_reset;
  }

 private:
  template <class Start>
  void run(Start start) {
    beast::error_code result;
    stream_.expires_after(5s);
    start([&result](beast::error_code ec) { result = ec; });
    ioc_.restart();
    ioc_.run();
    if (result) throw beast::system_error(result);
  }

  net::io_context ioc_;
  beast::tcp_stream stream_{ioc_};
  beast::flat_buffer buffer_;
};

// ----------------------------------------------------------------- server

class HttpServer : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.io_threads = 2;
    options.worker_threads = 2;
    options.write_threads = 2;
    options.max_body_bytes = 1024;
    server_ = std::make_unique<Server>(options, [this](Request& req) { return handle(req); });
    port_ = server_->listen();
    ASSERT_NE(port_, 0);
    run_result_ = std::async(std::launch::async, [this] { server_->run(); });
  }

  void TearDown() override {
    server_->stop();
    if (run_result_.valid()) {
      ASSERT_EQ(run_result_.wait_for(10s), std::future_status::ready) << "run() did not return";
      run_result_.get();
    }
  }

  Response handle(Request& req) {
    if (req.path == "/throw") throw std::runtime_error("secret: db password is hunter2");
    Response res;
    res.content_type = "text/plain";
    if (req.path == "/counted") {
      ++counted_;
      res.body = "counted";
      return res;
    }
    if (req.path == "/gate") {  // holds its worker until the test opens the gate
      ++gate_waiting_;
      const auto deadline = std::chrono::steady_clock::now() + 10s;  // longer than a client waits
      while (!gate_open_ && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
      res.body = "through";
      return res;
    }
    if (req.path == "/slow") {
      ++slow_running_;
      slow_started_ = true;
      std::this_thread::sleep_for(300ms);
      res.body = std::string(200 * 1024, 'x');  // larger than a socket buffer
      return res;
    }
    res.body = "method=" + req.method + "\npath=" + req.path + "\nq=" + req.query_param("q") +
               "\nbody=" + req.body + "\ncookie=" + req.cookie("session") +
               "\nremote=" + req.remote_address + "\nid=" + req.request_id + "\n";
    res.set_header("X-Echo", "yes");
    return res;
  }

  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::future<void> run_result_;
  std::atomic<bool> slow_started_{false};
  std::atomic<int> slow_running_{0};
  std::atomic<int> counted_{0};
  std::atomic<int> gate_waiting_{0};
  std::atomic<bool> gate_open_{false};

  // Sends `verb /gate` on two connections and waits until both hold a worker.
  std::vector<std::unique_ptr<Client>> fill_workers_with(bhttp::verb verb) {
    std::vector<std::unique_ptr<Client>> held;
    for (int i = 0; i < 2; ++i) {
      held.push_back(std::make_unique<Client>(port_));
      bhttp::request<bhttp::string_body> req{verb, "/gate", 11};
      req.set(bhttp::field::host, "x");
      req.prepare_payload();
      held.back()->send(req);
    }
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (gate_waiting_ < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
    return held;
  }
};

bool is_hex16(const std::string& s) {
  return s.size() == 16 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST_F(HttpServer, GetDecodesPathAndQuery) {
  Client c(port_);
  const auto res = c.request(bhttp::verb::get, "/hello%20w%C3%B6rld/%C3%A6?q=a%2Bb+c&z=1");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[bhttp::field::content_type], "text/plain");
  EXPECT_EQ(res["X-Echo"], "yes");
  EXPECT_NE(res.body().find("method=GET\n"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find("path=/hello wörld/æ\n"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find("q=a+b c\n"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find("remote=127.0.0.1\n"), std::string::npos) << res.body();
}

TEST_F(HttpServer, PostBodyAndCookieArrive) {
  Client c(port_);
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/submit", 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::cookie, "theme=dark; session=s3cr3t");
  req.body() = "name=Ærlig";
  c.send(std::move(req));
  const auto res = c.receive();
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_NE(res.body().find("method=POST\n"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find("body=name=Ærlig\n"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find("cookie=s3cr3t\n"), std::string::npos) << res.body();
}

TEST_F(HttpServer, KeepAliveServesTwoRequestsOnOneConnection) {
  Client c(port_);
  const auto first = c.request(bhttp::verb::get, "/one");
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_TRUE(first.keep_alive());
  const auto second = c.request(bhttp::verb::post, "/two", "again");
  EXPECT_EQ(second.result_int(), 200);
  EXPECT_NE(second.body().find("path=/two\n"), std::string::npos) << second.body();
  EXPECT_NE(second.body().find("body=again\n"), std::string::npos) << second.body();
}

TEST_F(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
  Client c(port_);
  c.write_raw(
      "GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /second HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
      "GET /third HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto a = c.receive();
  const auto b = c.receive();
  const auto d = c.receive();
  EXPECT_NE(a.body().find("path=/first\n"), std::string::npos) << a.body();
  EXPECT_NE(b.body().find("path=/second\n"), std::string::npos) << b.body();
  EXPECT_NE(b.body().find("body=abc\n"), std::string::npos) << b.body();
  EXPECT_NE(d.body().find("path=/third\n"), std::string::npos) << d.body();
  EXPECT_FALSE(d.keep_alive());
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(HttpServer, HeadSendsHeadersOnly) {
  Client c(port_);
  const auto get = c.request(bhttp::verb::get, "/page");
  const auto head = c.request(bhttp::verb::head, "/page");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[bhttp::field::content_length], std::to_string(get.body().size()));
  EXPECT_TRUE(head.body().empty());
  // The connection is still in step: the next answer parses cleanly.
  const auto after = c.request(bhttp::verb::get, "/after");
  EXPECT_NE(after.body().find("method=GET\n"), std::string::npos);
}

TEST_F(HttpServer, BodyOverLimitIs413AndCloses) {
  Client c(port_);
  const auto res = c.request(bhttp::verb::post, "/upload", std::string(2048, 'a'));
  EXPECT_EQ(res.result_int(), 413);
  EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(res.body(), R"({"type":"about:blank","title":"Forespørselen er for stor","status":413})");
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(HttpServer, ChunkedBodyOverLimitIs413) {
  Client c(port_);
  const std::string chunk(600, 'b');
  c.write_raw("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
  const auto res = c.receive();
  EXPECT_EQ(res.result_int(), 413);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(HttpServer, BodyAtLimitIsAccepted) {
  Client c(port_);
  const auto res = c.request(bhttp::verb::post, "/upload", std::string(1024, 'a'));
  EXPECT_EQ(res.result_int(), 200);
}

TEST_F(HttpServer, ExpectContinueGetsInterimAnswer) {
  Client c(port_);
  c.write_raw("POST /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  const auto interim = c.receive();
  EXPECT_EQ(interim.result_int(), 100);
  c.write_raw("hello");
  const auto res = c.receive();
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_NE(res.body().find("body=hello\n"), std::string::npos) << res.body();
}

TEST_F(HttpServer, OversizedHeaderIs431AndCloses) {
  Client c(port_);
  c.write_raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(70 * 1024, 'h') + "\r\n\r\n");
  const auto res = c.receive();
  EXPECT_EQ(res.result_int(), 431);
  EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(HttpServer, MalformedRequestLineIs400AndCloses) {
  Client c(port_);
  c.write_raw("THIS IS NOT HTTP\r\n\r\n");
  const auto res = c.receive();
  EXPECT_EQ(res.result_int(), 400);
  EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(HttpServer, HandlerExceptionIs500WithoutDetails) {
  Client c(port_);
  const auto res = c.request(bhttp::verb::get, "/throw");
  EXPECT_EQ(res.result_int(), 500);
  EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(res.body(), R"({"type":"about:blank","title":"Intern feil","status":500})");
  EXPECT_EQ(res.body().find("hunter2"), std::string::npos);
  // The connection survives a failed handler.
  EXPECT_EQ(c.request(bhttp::verb::get, "/ok").result_int(), 200);
}

TEST_F(HttpServer, RequestIdIsEchoedOrGenerated) {
  Client c(port_);
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/id", 11};
  req.set(bhttp::field::host, "x");
  req.set("X-Request-Id", "abc-123_XYZ");
  c.send(req);
  auto res = c.receive();
  EXPECT_EQ(res["X-Request-Id"], "abc-123_XYZ");
  EXPECT_NE(res.body().find("id=abc-123_XYZ\n"), std::string::npos) << res.body();

  // Not sane (a space, and too long): replaced by a fresh id.
  req.set("X-Request-Id", "bad id");
  c.send(req);
  res = c.receive();
  EXPECT_TRUE(is_hex16(std::string(res["X-Request-Id"]))) << res["X-Request-Id"];
  req.set("X-Request-Id", std::string(65, 'a'));
  c.send(req);
  res = c.receive();
  EXPECT_TRUE(is_hex16(std::string(res["X-Request-Id"]))) << res["X-Request-Id"];

  const auto plain = c.request(bhttp::verb::get, "/id");
  const auto a = std::string(plain["X-Request-Id"]);
  const auto b = std::string(c.request(bhttp::verb::get, "/id")["X-Request-Id"]);
  EXPECT_TRUE(is_hex16(a)) << a;
  EXPECT_NE(a, b);
}

TEST_F(HttpServer, StopDuringSlowHandlerDeliversFullAnswer) {
  Client c(port_);
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/slow", 11};
  req.set(bhttp::field::host, "x");
  c.send(req);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!slow_started_ && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE(slow_started_);

  std::thread stopper([this] { server_->stop(); });
  stopper.join();

  const auto res = c.receive();
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body().size(), 200u * 1024);
  EXPECT_FALSE(res.keep_alive());  // the server says it is closing
  ASSERT_EQ(run_result_.wait_for(5s), std::future_status::ready);
  run_result_.get();
  EXPECT_TRUE(c.closed_by_server());
  // The listening socket is gone.
  EXPECT_THROW(Client{port_}, beast::system_error);
}

// Both workers busy: a GET whose client hangs up while it waits is never
// run, one whose client still waits is answered.
TEST_F(HttpServer, QueuedReadOfAClientThatLeftIsNotRun) {
  auto slow = [] {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/slow", 11};
    req.set(bhttp::field::host, "x");
    return req;
  };
  Client a(port_), b(port_);
  a.send(slow());
  b.send(slow());
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (slow_running_ < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  ASSERT_EQ(slow_running_.load(), 2);

  bhttp::request<bhttp::string_body> counted{bhttp::verb::get, "/counted", 11};
  counted.set(bhttp::field::host, "x");
  {
    Client gone(port_);
    gone.send(counted);
    std::this_thread::sleep_for(50ms);  // queued behind the slow ones; then the client leaves
  }
  Client waiting(port_);
  waiting.send(counted);
  const auto res = waiting.receive();
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "counted");
  EXPECT_EQ(counted_.load(), 1) << "the request of the client that left was run";
  EXPECT_EQ(a.receive().result_int(), 200);
  EXPECT_EQ(b.receive().result_int(), 200);
}

// Reads and writes have workers of their own (two of each here): writes that
// hold every write worker (saves waiting for the database's write lock,
// logins hashing their passwords) leave the reads their workers, and reads
// that hold theirs leave the writes theirs.
TEST_F(HttpServer, WritesHoldingWorkersLeaveTheReadsTheirs) {
  auto held = fill_workers_with(bhttp::verb::post);
  ASSERT_EQ(gate_waiting_.load(), 2);
  Client reader(port_);
  const auto asked = std::chrono::steady_clock::now();
  const auto res = reader.request(bhttp::verb::get, "/counted");  // the client gives up after 5 s
  EXPECT_EQ(res.body(), "counted");
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s) << "the read waited for the writes";
  gate_open_ = true;
  for (auto& c : held) EXPECT_EQ(c->receive().body(), "through");
}

TEST_F(HttpServer, ReadsHoldingWorkersLeaveTheWritesTheirs) {
  auto held = fill_workers_with(bhttp::verb::get);
  ASSERT_EQ(gate_waiting_.load(), 2);
  Client writer(port_);
  const auto asked = std::chrono::steady_clock::now();
  const auto res = writer.request(bhttp::verb::post, "/counted", "{}");
  EXPECT_EQ(res.body(), "counted");
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s) << "the write waited for the reads";
  // And a third read waits for one of the two read workers.
  Client reader(port_);
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/counted", 11};
  req.set(bhttp::field::host, "x");
  reader.send(req);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(counted_.load(), 1) << "a read ran while both read workers were held";
  gate_open_ = true;
  EXPECT_EQ(reader.receive().body(), "counted");
  for (auto& c : held) EXPECT_EQ(c->receive().body(), "through");
}

TEST_F(HttpServer, StopClosesIdleKeepAliveConnections) {
  Client c(port_);
  EXPECT_EQ(c.request(bhttp::verb::get, "/x").result_int(), 200);
  const auto before = std::chrono::steady_clock::now();
  server_->stop();
  ASSERT_EQ(run_result_.wait_for(5s), std::future_status::ready);
  run_result_.get();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(HttpServer, SigtermStopsTheServer) {
  // An answered request proves run() has installed its signal handling, so
  // the signal cannot reach the default disposition and end the test binary.
  Client c(port_);
  ASSERT_EQ(c.request(bhttp::verb::get, "/x").result_int(), 200);
  std::raise(SIGTERM);
  ASSERT_EQ(run_result_.wait_for(5s), std::future_status::ready);
  run_result_.get();
}

TEST_F(HttpServer, ListenFailureNamesTheAddress) {
  ServerOptions options;
  options.address = "127.0.0.1";
  options.port = port_;  // taken by the fixture's server
  Server second(options, [](Request&) { return Response{}; });
  try {
    second.listen();
    FAIL() << "listen() should have thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(port_)),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
