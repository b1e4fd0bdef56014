// JsonTape (core/json_tape.h) and the answers read from it without a DOM
// (read_generate_content_response): the tape reads what parse_json reads, and
// an answer reads to the same typed members, extra and raw either way. The
// fuzz targets fuzz_json_parse and fuzz_response_json check the same on
// arbitrary input.
#include "core/json_tape.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/json_parse.h"
#include "core/json_types.h"
#include "fuzz/json_same.h"
#include "fuzz/response_same.h"

namespace genai::internal {
namespace {

using nlohmann::json;

TEST(JsonTape, ReadsEveryKindOfValueAsParseJsonDoes) {
  const std::vector<std::string> docs = {
      "{}", "[]", " \t\r\n{ } ", "null", "true", "false", "0", "-0", "7", "-7", "\"\"",
      "18446744073709551615", "-9223372036854775808", "1.5", "-0.0", "2.5e-3", "1E5", "0.1",
      R"J({"a":1,"b":[true,false,null,"x",{"c":[]}],"d":{"e":{"f":[[],[{}]]}}})J",
      R"J("esc: \" \\ \/ \b \f \n \r \t \u0000 \u00e9 \u20ac \ud83d\ude00 \u003c")J",
      "\"utf-8: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
      R"J({"k\u00e9y":"v","plain":"p","a\nb":"x\ty"})J",
      R"J({"same":1,"other":2,"same":3})J",  // nlohmann keeps the last of a repeated key
  };
  for (const std::string& doc : docs) {
    SCOPED_TRACE(doc);
    JsonTape tape;
    ASSERT_TRUE(tape.parse(doc));
    EXPECT_TRUE(genai_fuzz::json_same(tape.root().to_json(), parse_json(doc)));
  }
}

TEST(JsonTape, RefusesWhatTheFastParserIsNotSureOf) {
  const std::string too_deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  const std::string deepest = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  const std::vector<std::string> refused = {
      "", "{", "[1,]", "{\"a\"}", "{\"a\":1,}", "01", "1.", "-", "1e", "tru", "nul", "\"open",
      "\"\x01\"", "\"\xff\"", "\"\xc3\"", R"J("\ud83d")J", R"J("\x")J", "{} {}", "[1] x", "1e400",
      "18446744073709551616", "\xef\xbb\xbf{}", too_deep,
  };
  for (const std::string& doc : refused) {
    SCOPED_TRACE(doc.substr(0, 40));
    JsonTape tape;
    EXPECT_FALSE(tape.parse(doc));
  }
  JsonTape tape;
  EXPECT_TRUE(tape.parse(deepest));
}

TEST(JsonTape, NodesAnswerAsTheDomDoes) {
  JsonTape tape;
  ASSERT_TRUE(tape.parse(R"J({"n":-3,"u":7,"d":2.5,"t":true,"s":"a\"b","arr":[1,2,3],"o":{"x":null}})J"));
  const JsonNode root = tape.root();
  EXPECT_TRUE(root.is_object());
  EXPECT_FALSE(root.member("missing"));
  EXPECT_EQ(root.member("n").number<int>(), -3);
  EXPECT_EQ(root.member("u").number<uint64_t>(), 7u);
  EXPECT_TRUE(root.member("d").is_number_float());
  EXPECT_EQ(root.member("d").number<double>(), 2.5);
  EXPECT_EQ(root.member("t").number<int>(), 1);  // as nlohmann's get<int>() of true
  EXPECT_TRUE(root.member("t").boolean());
  EXPECT_EQ(root.member("s").string(), "a\"b");
  EXPECT_TRUE(root.member("o").member("x").is_null());
  EXPECT_FALSE(root.member("arr").member("x"));  // not an object: no members
  int sum = 0;
  root.member("arr").for_each_element([&](JsonNode e) { sum += e.number<int>(); });
  EXPECT_EQ(sum, 6);
  EXPECT_THROW((void)root.member("s").number<int>(), std::invalid_argument);
  EXPECT_THROW((void)root.member("n").string(), std::invalid_argument);
  EXPECT_THROW((void)root.member("n").boolean(), std::invalid_argument);
}

// What the API sends, and the corners of it: every typed member, unknown
// members at each level (kept in extra), int64 as strings, raw-kept JSON.
const std::vector<std::string>& answers() {
  static const std::vector<std::string> docs = {
      R"J({"candidates":[{"content":{"parts":[{"text":"Hello"}],"role":"model"},"finishReason":"STOP","index":0}],
          "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":92,"totalTokenCount":102,
          "promptTokensDetails":[{"modality":"TEXT","tokenCount":10}]},"modelVersion":"gemini-2.5-flash",
          "responseId":"abc"})J",
      R"J({"candidates":[{"content":{"parts":[{"text":"think","thought":true},
          {"functionCall":{"id":"c1","name":"get_weather","args":{"city":"Paris","days":[1,2],"deep":{"a":{"b":null}}}},
           "thoughtSignature":"c2ln"},
          {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
          {"fileData":{"mimeType":"video/mp4","fileUri":"gs://b/o"}},
          {"executableCode":{"language":"PYTHON","code":"print(1)"}},
          {"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"1\n"}},
          {"functionResponse":{"name":"f","response":{"ok":true}}},
          {"newKindOfPart":{"x":1},"text":"with extra"}],"role":"model","roleDetail":"x"},
          "safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE","blocked":false,
          "probabilityScore":0.1,"severity":"HARM_SEVERITY_NEGLIGIBLE","severityScore":0.05,"future":[1]}],
          "citationMetadata":{"citations":[{"startIndex":1}]},
          "groundingMetadata":{"webSearchQueries":["q"],"groundingChunks":[{"maps":{"uri":"u","title":"t"}}]},
          "tokenCount":"42","avgLogprobs":-0.5,
          "logprobsResult":{"chosenCandidates":[{"token":"a","tokenId":3,"logProbability":-0.1}],
          "topCandidates":[{"candidates":[{"token":"b","logProbability":-1}]}],"logProbabilitySum":-0.1},
          "urlContextMetadata":{"urlMetadata":[{"retrievedUrl":"https://x","urlRetrievalStatus":"URL_RETRIEVAL_STATUS_SUCCESS"}]},
          "finishMessage":"done","somethingNew":{"deep":[{"x":"y"}]}}],
          "usageMetadata":{"promptTokenCount":"12","thoughtsTokenCount":3,"serviceTier":"standard",
          "candidatesTokensDetails":[{"modality":"IMAGE","tokenCount":"1290","extraField":1}]},
          "createTime":"2026-12-04T00:00:00Z","trafficType":"ON_DEMAND"})J",
      R"J({"promptFeedback":{"blockReason":"SAFETY","blockReasonMessage":"no","safetyRatings":[
          {"category":"HARM_CATEGORY_HATE_SPEECH","probability":"HIGH","blocked":true}],"more":1}})J",
      R"J({"candidates":[{"finishReason":"MALFORMED_FUNCTION_CALL"}],"usageMetadata":{"totalTokenCount":1}})J",
      R"J({"candidates":[{"content":{"parts":[{"text":"a\u00e9\n\"q\""}]},"index":1,"index":2}]})J",
      R"J({"usageMetadata":{"promptTokenCount":1}})J",  // a stream chunk with only usage
      R"J({"candidates":[null,{"content":null,"finishReason":null}]})J",
  };
  return docs;
}

TEST(FastAnswer, ReadsTheSameTypedMembersExtraAndRawAsTheDom) {
  for (const std::string& doc : answers()) {
    SCOPED_TRACE(doc.substr(0, 80));
    const json dom = parse_json(doc);
    ASSERT_FALSE(dom.is_discarded());
    Result<GenerateContentResponse> slow = parse_generate_content_response(dom);
    ASSERT_TRUE(slow.ok()) << slow.error().to_string();
    std::string bytes = doc;
    std::optional<GenerateContentResponse> fast = read_generate_content_response(bytes, false);
    ASSERT_TRUE(fast.has_value()) << "the fast reader should read every well-formed answer";
    EXPECT_EQ(genai_fuzz::typed_view(*fast).dump(), genai_fuzz::typed_view(*slow).dump());
    EXPECT_TRUE(genai_fuzz::json_same(genai_fuzz::typed_view(*fast), genai_fuzz::typed_view(*slow)));
    EXPECT_TRUE(genai_fuzz::json_same(*fast->raw, dom));
    EXPECT_EQ(fast->text(), slow->text());
  }
}

TEST(FastAnswer, LeavesWrongShapesErrorsAndNonAnswersToTheDomsReader) {
  const std::vector<std::pair<std::string, bool>> left = {
      {R"J({"candidates":[{"finishReason":5}]})J", false},
      {R"J({"candidates":[{"index":1e40}]})J", false},                 // out of int's range
      {R"J({"candidates":[{"content":{"parts":[{"text":7}]}}]})J", false},  // a number where a string goes
      {R"J({"candidates":[{"tokenCount":"many"}]})J", false},
      {R"J({"candidates":[{"content":{"parts":[{"functionCall":"f"}]}}]})J", false},  // value() of a non-object
      {R"J({"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED"}})J", false},
      {R"J([{"candidates":[]}])J", false},  // not an object
      {"not json", false},
      {"", false},
      {R"J({})J", true},                                      // a whole answer must carry one
      {R"J({"usageMetadata":{"totalTokenCount":1}})J", true},
  };
  for (const auto& [doc, whole] : left) {
    SCOPED_TRACE(doc);
    std::string bytes = doc;
    EXPECT_FALSE(read_generate_content_response(bytes, whole).has_value());
    EXPECT_EQ(bytes, doc) << "the bytes must stay for the DOM's reader";
    const json dom = parse_json(doc);
    if (!dom.is_discarded() && !dom.contains("error") && dom.is_object() && !whole) {
      EXPECT_FALSE(parse_generate_content_response(dom).ok()) << "only a wrong shape is left to the DOM";
    }
  }
  std::string empty_chunk = "{}";
  EXPECT_TRUE(read_generate_content_response(empty_chunk, false).has_value());  // a chunk may carry nothing
}

// Live API messages: the tape and the DOM read every member alike, and the
// tape leaves to the DOM what is not a JSON object or has a wrong shape.
TEST(FastLiveMessage, ReadsTheSameTypedMembersExtraAndRawAsTheDom) {
  const std::vector<std::string> docs = {
      R"J({"setupComplete":{}})J",
      R"J({"setupComplete":{"sessionId":"s-1","future":[1]}})J",
      R"J({"setupComplete":{"sessionId":5}})J",  // not a string: read as absent
      R"J({"serverContent":{"modelTurn":{"role":"model","parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AAECAw=="}}]}}})J",
      R"J({"serverContent":{"modelTurn":{"parts":[{"text":"hi \u00e9\n"},{"text":"t","thought":true}]},"turnComplete":false,"interrupted":null}})J",
      R"J({"serverContent":{"turnComplete":true,"turnCompleteReason":"DONE","waitingForInput":true,"generationComplete":true}})J",
      R"J({"serverContent":{"inputTranscription":{"text":"hello","finished":true},"outputTranscription":"not an object"}})J",
      R"J({"serverContent":{"groundingMetadata":{"webSearchQueries":["q"]},"newThing":{"x":1}}})J",
      R"J({"toolCall":{"functionCalls":[{"id":"c1","name":"add","args":{"a":2,"b":3}}]}})J",
      R"J({"toolCallCancellation":{"ids":["c1","c2"]}})J",
      R"J({"usageMetadata":{"promptTokenCount":"12","totalTokenCount":30,"responseTokensDetails":[{"modality":"AUDIO","tokenCount":18}]}})J",
      R"J({"goAway":{"timeLeft":"10s"}})J",
      R"J({"sessionResumptionUpdate":{"newHandle":"h-2","resumable":true,"lastConsumedClientMessageIndex":"7"}})J",
      R"J({"serverContent":{"turnComplete":true},"usageMetadata":{"totalTokenCount":3},"somethingNew":true})J",
      R"J({"goAway":{"timeLeft":"1s"},"goAway":{"timeLeft":"2s"}})J",  // a repeated member: the last
      R"J({"serverContent":null,"toolCall":[]})J",
      R"J({})J",
  };
  for (const std::string& doc : docs) {
    SCOPED_TRACE(doc);
    const json dom = parse_json(doc);
    ASSERT_FALSE(dom.is_discarded());
    Result<LiveServerMessage> slow = parse_live_server_message(dom);
    ASSERT_TRUE(slow.ok()) << slow.error().to_string();
    Result<LiveServerMessage> fast = parse_live_server_message(std::string(doc));
    ASSERT_TRUE(fast.ok()) << fast.error().to_string();
    EXPECT_EQ(genai_fuzz::typed_view(*fast).dump(), genai_fuzz::typed_view(*slow).dump());
    EXPECT_TRUE(genai_fuzz::json_same(*fast->raw, dom));
    EXPECT_EQ(fast->text(), slow->text());
  }
  Result<LiveServerMessage> audio = parse_live_server_message(std::string(docs[3]));
  ASSERT_TRUE(audio.ok());
  ASSERT_TRUE(audio->audio().has_value());
  EXPECT_EQ(audio->audio()->samples, std::string("\x00\x01\x02\x03", 4));
  EXPECT_EQ(audio->audio()->sample_rate, 24000);
}

TEST(FastLiveMessage, AWrongShapeOrNotAnObjectIsAnErrorSayingWhat) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"J({"serverContent":{"turnComplete":"yes"}})J", "type must be boolean"},
      {R"J({"toolCallCancellation":{"ids":[1]}})J", "type must be string"},
      {R"J({"usageMetadata":{"totalTokenCount":"many"}})J", "Live API message shape"},
      {R"J([{"serverContent":{}}])J", "not a JSON object"},
      {"not json", "not a JSON object"},
      {std::string(100000, '[') + std::string(100000, ']'), "levels deep"},
  };
  for (const auto& [doc, says] : bad) {
    SCOPED_TRACE(doc.substr(0, 80));
    Result<LiveServerMessage> r = parse_live_server_message(std::string(doc));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find(says), std::string::npos) << r.error().message;
  }
}

// realtimeInput written straight to bytes is the DOM's message.
TEST(FastLiveMessage, RealtimeInputIsWrittenAsTheDomWritesIt) {
  std::vector<LiveRealtimeInput> inputs;
  inputs.push_back(LiveRealtimeInput::pcm(std::string("\x01\x02\x03\x04", 4), 16000));
  LiveRealtimeInput text;
  text.text = "caf\xc3\xa9 \"quoted\"\n";
  text.activity_start = true;
  text.extra = json{{"text", "shadowed"}, {"futureField", {{"a", 1}}}};
  inputs.push_back(text);
  LiveRealtimeInput end;
  end.audio_stream_end = true;
  end.activity_end = true;
  end.video = Blob{"image/jpeg", "AAAA", json{{"note", "x"}}};
  inputs.push_back(end);
  for (const LiveRealtimeInput& in : inputs) {
    const std::optional<std::string> written = live_realtime_input_text(in);
    ASSERT_TRUE(written.has_value());
    // Compared as sent: the DOM's text read back (its 1 is signed, a parsed 1 unsigned).
    EXPECT_TRUE(genai_fuzz::json_same(parse_json(*written), parse_json(live_realtime_input_json(in).dump())))
        << *written;
  }
  EXPECT_EQ(parse_json(*live_realtime_input_text(text))["realtimeInput"]["text"], "caf\xc3\xa9 \"quoted\"\n");
  LiveRealtimeInput latin1;
  latin1.text = "caf\xe9";
  EXPECT_FALSE(live_realtime_input_text(latin1).has_value()) << "not UTF-8: left to the DOM, which names the field";
}

// What the caller sees of a wrong shape: the call, and what was wrong.
TEST(FastAnswer, AWrongShapeIsAnErrorSayingWhatWasWrong) {
  std::string bytes = R"J({"candidates":[{"content":{"parts":[{"text":7}]}}]})J";
  ASSERT_FALSE(read_generate_content_response(bytes, true).has_value());
  Result<GenerateContentResponse> r = parse_generate_content_answer(parse_json(bytes));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("generateContent response shape"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("type must be string, but is number"), std::string::npos) << r.error().message;
}

TEST(RawJson, ParsesOnFirstReadOnceForAllCopiesAndThreads) {
  std::string bytes = R"J({"candidates":[{"content":{"parts":[{"text":"hi"}]}}],"modelVersion":"m"})J";
  std::optional<GenerateContentResponse> r = read_generate_content_response(bytes, true);
  ASSERT_TRUE(r.has_value());
  const GenerateContentResponse copy = *r;
  std::vector<const Json*> seen(4, nullptr);
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    const GenerateContentResponse& one = i % 2 ? copy : *r;
    readers.emplace_back([&seen, &one, i] { seen[i] = &*one.raw; });
  }
  for (std::thread& t : readers) t.join();
  for (const Json* p : seen) EXPECT_EQ(p, seen[0]);
  EXPECT_EQ(r->raw->at("modelVersion"), "m");
  EXPECT_TRUE(RawJson().json().is_null());
  const RawJson built(Json{{"a", 1}});
  EXPECT_EQ(built->at("a"), 1);
}

}  // namespace
}  // namespace genai::internal
