#include "client/live_replay.h"

#include "core/errors.h"

namespace genai::internal {

Result<std::int64_t> LiveReplay::add(std::string text, bool droppable) {
  const std::size_t size = text.size();
  // Room first: the oldest droppable messages go (order is kept for the rest).
  if (bytes_ + size > max_bytes_) {
    for (auto it = kept_.begin(); it != kept_.end() && bytes_ + size > max_bytes_;) {
      if (it->droppable) {
        bytes_ -= it->text.size();
        ++dropped_;
        it = kept_.erase(it);
      } else {
        ++it;
      }
    }
  }
  if (bytes_ + size > max_bytes_) {
    if (droppable) {
      // Audio or video that cannot be kept is still sent, once.
      ++dropped_;
      return next_++;
    }
    return local_error("RESOURCE_EXHAUSTED",
                       "the Live session keeps " + std::to_string(bytes_) + " bytes of client turns the server has "
                           "not confirmed yet (LiveOptions::replay_buffer_bytes is " + std::to_string(max_bytes_) +
                           "), so this message could not be sent again after a dropped connection",
                       "Read the session (receive()) so the server's resumption updates are seen, or raise "
                       "LiveOptions::replay_buffer_bytes.");
  }
  const std::int64_t index = next_++;
  bytes_ += size;
  kept_.push_back(Kept{index, std::move(text), droppable});
  return index;
}

void LiveReplay::covered(std::int64_t index) {
  while (!kept_.empty() && kept_.front().index <= index) {
    bytes_ -= kept_.front().text.size();
    kept_.pop_front();
  }
}

void LiveReplay::withdraw(std::int64_t index) {
  if (index != next_ - 1) return;
  if (!kept_.empty() && kept_.back().index == index) {
    bytes_ -= kept_.back().text.size();
    kept_.pop_back();
  }
  --next_;
}

std::size_t LiveReplay::kept_through(std::int64_t index) const {
  std::size_t n = 0;
  for (const Kept& k : kept_) {
    if (k.index > index) break;
    ++n;
  }
  return n;
}

std::vector<std::string> LiveReplay::restart() {
  std::vector<std::string> out;
  out.reserve(kept_.size());
  next_ = 1;
  for (Kept& k : kept_) {
    k.index = next_++;
    out.push_back(k.text);
  }
  return out;
}

}  // namespace genai::internal
