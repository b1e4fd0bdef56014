// Internal: what session resumption (live.h) keeps of the client messages of
// a Live session, and their indices; in both of its modes, so both are
// bounded by LiveOptions::replay_buffer_bytes. With
// SessionResumptionConfig::transparent the server's sessionResumptionUpdate
// says lastConsumedClientMessageIndex: the index, on the current
// connection, of the last client message the new handle holds (the setup is
// message 0 of each connection, the next message 1, and so on; a new
// connection counts from 0 again). Messages up to it are forgotten; after a
// drop or goAway the rest are sent again on the new connection, in order,
// where they become its messages 1, 2, ...
//
//   LiveReplay r(8 << 20);
//   r.add(chunk1, true);  r.add(chunk2, true);   // indices 1 and 2
//   r.covered(1);                                // the handle holds chunk1
//   std::vector<std::string> again = r.restart(); // {chunk2}, now index 1
//
// Memory is bounded by `max_bytes`: past it the oldest droppable messages
// (realtime audio and video, which a live stream can lose) are forgotten
// (they are not sent again if the line drops); a droppable message that
// still does not fit is sent but not kept, and a turn that does not fit is
// refused by add() (an Error, RESOURCE_EXHAUSTED).
//
// Without transparent resumption only turns are added, and the session
// itself says which are covered: those answered before the newest handle
// came (covered(index of the last one answered then)).
#ifndef GENAI_SRC_CLIENT_LIVE_REPLAY_H_
#define GENAI_SRC_CLIENT_LIVE_REPLAY_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "genai/result.h"

namespace genai::internal {

class LiveReplay {
 public:
  explicit LiveReplay(std::size_t max_bytes = std::size_t{8} << 20) : max_bytes_(max_bytes) {}

  // Keeps `text`, the connection's next message, until a handle covers it;
  // its index. An Error (nothing kept, no index used) when it does not fit
  // even after forgetting every droppable message.
  Result<std::int64_t> add(std::string text, bool droppable);
  // A handle holds the connection's messages up to `index`.
  void covered(std::int64_t index);
  // A message add() took that then could not be sent at all (a refusal
  // that is no dropped line): it is not kept, and its index is given back,
  // as the server never counted it. Only the newest message is withdrawn.
  void withdraw(std::int64_t index);
  // A new connection: the messages no handle covers, to send after its
  // setup in order; they are its messages 1..n from now on.
  std::vector<std::string> restart();
  // How many kept messages have an index up to `index` (what that index
  // becomes after restart()).
  std::size_t kept_through(std::int64_t index) const;

  // The index the next message gets.
  std::int64_t next_index() const { return next_; }
  std::size_t size() const { return kept_.size(); }
  std::size_t bytes() const { return bytes_; }
  // Droppable messages forgotten for room since the session began.
  std::uint64_t dropped() const { return dropped_; }

 private:
  struct Kept {
    std::int64_t index;
    std::string text;
    bool droppable;
  };
  std::size_t max_bytes_;
  std::deque<Kept> kept_;
  std::size_t bytes_ = 0;
  std::int64_t next_ = 1;  // message 0 is the setup
  std::uint64_t dropped_ = 0;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_LIVE_REPLAY_H_
