// The emulator's File Search computation (backend/file_search.h) on plain
// strings: what is indexable, HTML stripped, whitespace chunking with
// overlap, BM25 ranking, metadata filters, and the answer's grounding
// offsets; and libgenai's typed views of grounding metadata.
#include <gtest/gtest.h>

#include "emulator/backend/file_search.h"
#include "genai/types.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

TEST(EmulatorFileSearch, IndexableTypes) {
  EXPECT_EQ(indexable_text("# Title", "text/markdown"), "# Title");
  EXPECT_EQ(indexable_text("{\"a\": 1}", "application/json; charset=utf-8"), "{\"a\": 1}");
  EXPECT_EQ(indexable_text("a,b\n1,2", "text/csv"), "a,b\n1,2");
  EXPECT_FALSE(indexable_text("%PDF-1.7", "application/pdf"));
  EXPECT_FALSE(indexable_text("\x89PNG", "image/png"));
  const std::optional<std::string> html = indexable_text(
      "<html><head><style>p{}</style><script>var x = '<b>';</script></head>"
      "<body><p>Fish &amp; chips</p><!-- hidden --><p>cost&nbsp;5</p></body></html>",
      "TEXT/HTML");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->find("var x"), std::string::npos);
  EXPECT_EQ(html->find("hidden"), std::string::npos);
  EXPECT_EQ(html->find('<'), std::string::npos);
  EXPECT_NE(html->find("Fish & chips"), std::string::npos);
  EXPECT_NE(unsupported_document_reason("application/pdf").find("application/pdf"), std::string::npos);
}

TEST(EmulatorFileSearch, WhitespaceChunksWithOverlap) {
  EXPECT_TRUE(whitespace_chunks("", 10, 2).empty());
  EXPECT_TRUE(whitespace_chunks(" \n\t ", 10, 2).empty());
  EXPECT_EQ(whitespace_chunks("a b c", 10, 2), std::vector<std::string>{"a b c"});
  EXPECT_EQ(whitespace_chunks("a b c d e", 2, 0), (std::vector<std::string>{"a b", "c d", "e"}));
  EXPECT_EQ(whitespace_chunks("a b c d e", 3, 1), (std::vector<std::string>{"a b c", "c d e"}));
  EXPECT_EQ(whitespace_chunks("  a\n\nb  c ", 2, 1), (std::vector<std::string>{"a\n\nb", "b  c"}));  // as written
  // An overlap as large as the chunk still moves forward.
  EXPECT_EQ(whitespace_chunks("a b c", 2, 5).size(), 2u);
}

TEST(EmulatorFileSearch, Bm25PrefersTheRareWordsAndIgnoresStopWords) {
  std::vector<SearchChunk> chunks(3);
  chunks[0].text = "The office opens at nine. The office closes at five.";
  chunks[1].text = "Employees get 25 vacation days per year.";
  chunks[2].text = "Vacation requests go to your manager.";
  std::vector<SearchHit> hits = rank_chunks("How many vacation days do I get?", chunks, 5);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].index, 1u);
  EXPECT_EQ(hits[1].index, 2u);
  EXPECT_GT(hits[0].score, hits[1].score);
  EXPECT_EQ(rank_chunks("How many vacation days do I get?", chunks, 1).size(), 1u);
  EXPECT_TRUE(rank_chunks("What is the of the", chunks, 5).empty());  // stop words only
  EXPECT_TRUE(rank_chunks("quantum", chunks, 5).empty());
}

TEST(EmulatorFileSearch, MetadataFilters) {
  const ojson md = ojson::parse(R"([{"key": "author", "stringValue": "Ada"},
                                    {"key": "year", "numericValue": 2024},
                                    {"key": "tags", "stringListValue": {"values": ["hr", "policy"]}}])");
  EXPECT_EQ(metadata_matches("author = \"Ada\"", md), true);
  EXPECT_EQ(metadata_matches("author = \"Bob\"", md), false);
  EXPECT_EQ(metadata_matches("author != \"Bob\"", md), true);
  EXPECT_EQ(metadata_matches("year > 2020 AND year <= 2024", md), true);
  EXPECT_EQ(metadata_matches("year > 2024 OR author = 'Ada'", md), true);
  EXPECT_EQ(metadata_matches("tags = \"hr\"", md), true);
  EXPECT_EQ(metadata_matches("missing = \"x\"", md), false);
  EXPECT_FALSE(metadata_matches("author = = Ada", md));
  EXPECT_FALSE(metadata_matches("author = \"Ada", md));
  EXPECT_FALSE(metadata_matches("author = \"Ada\" AND", md));
  EXPECT_FALSE(metadata_matches("author ~ 1", md));
  EXPECT_TRUE(metadata_filter_valid("a = 1 and b = \"x\" or c >= 2.5"));
  EXPECT_FALSE(metadata_filter_valid("a = 1 xor b = 2"));
}

TEST(EmulatorFileSearch, TheAnswerCitesEachChunkAndItsSupportsPointIntoIt) {
  std::vector<SearchChunk> chunks(2);
  chunks[0] = {"Employees get 25 vacation days per year.", "vacation.md", "fileSearchStores/s/documents/v",
               "fileSearchStores/s", ojson::parse(R"([{"key": "team", "stringValue": "hr"}])")};
  chunks[1] = {std::string(400, 'x') + " vacation", "long.txt", "fileSearchStores/s/documents/l", "fileSearchStores/s",
               ojson()};
  const FileSearchAnswer a = file_search_answer("vacation days?", chunks, {{0, 2.0}, {1, 1.0}});
  EXPECT_EQ(a.text.rfind("According to vacation.md: Employees get 25 vacation days per year.", 0), 0u) << a.text;
  const ojson& g = a.grounding;
  ASSERT_EQ(g["groundingChunks"].size(), 2u);
  EXPECT_EQ(g["groundingChunks"][0]["retrievedContext"]["fileSearchStore"], "fileSearchStores/s");
  EXPECT_EQ(g["groundingChunks"][0]["retrievedContext"]["customMetadata"][0]["key"], "team");
  EXPECT_FALSE(g["groundingChunks"][1]["retrievedContext"].contains("customMetadata"));
  ASSERT_EQ(g["groundingSupports"].size(), 2u);
  EXPECT_FALSE(g["groundingSupports"][0]["segment"].contains("startIndex"));  // a zero is left out
  for (const ojson& s : g["groundingSupports"]) {
    const size_t start = s["segment"].value("startIndex", size_t{0});
    const size_t end = s["segment"]["endIndex"].get<size_t>();
    EXPECT_EQ(a.text.substr(start, end - start), s["segment"]["text"].get<std::string>());
  }
  EXPECT_LT(a.text.size(), 400u);  // a long chunk is quoted shortened

  // libgenai reads the same metadata back, typed.
  Candidate c;
  c.grounding_metadata = nlohmann::json::parse(g.dump());
  const std::vector<GroundingChunkRetrievedContext> ctx = c.retrieved_contexts();
  ASSERT_EQ(ctx.size(), 2u);
  EXPECT_EQ(ctx[0].title, "vacation.md");
  EXPECT_EQ(ctx[0].uri, "fileSearchStores/s/documents/v");
  EXPECT_EQ(ctx[0].file_search_store, "fileSearchStores/s");
  ASSERT_TRUE(ctx[0].custom_metadata);
  EXPECT_EQ(ctx[1].chunk_index, 1u);
  const std::vector<GroundingSupport> supports = c.grounding_supports();
  ASSERT_EQ(supports.size(), 2u);
  EXPECT_EQ(supports[0].start_index, 0);
  EXPECT_EQ(supports[1].grounding_chunk_indices, std::vector<int>{1});
  ASSERT_EQ(supports[0].confidence_scores.size(), 1u);
  EXPECT_DOUBLE_EQ(supports[0].confidence_scores[0], 1.0);
}

TEST(EmulatorFileSearch, TypedViewsIgnoreWrongShapes) {
  Candidate c;
  c.grounding_metadata = nlohmann::json::parse(
      R"({"groundingChunks": [{"web": {"uri": "u"}}, {"retrievedContext": {"title": 5, "text": "t", "pageNumber": "3",
          "ragChunk": {"text": "r"}}}, 7],
          "groundingSupports": [{"segment": {"endIndex": "12"}, "groundingChunkIndices": [1, "x"]}, "bad"]})");
  const std::vector<GroundingChunkRetrievedContext> ctx = c.retrieved_contexts();
  ASSERT_EQ(ctx.size(), 1u);
  EXPECT_EQ(ctx[0].chunk_index, 1u);
  EXPECT_FALSE(ctx[0].title);
  EXPECT_EQ(ctx[0].page_number, 3);
  EXPECT_TRUE(ctx[0].extra.contains("ragChunk"));
  const std::vector<GroundingSupport> s = c.grounding_supports();
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].end_index, 12);
  EXPECT_EQ(s[0].grounding_chunk_indices, std::vector<int>{1});
  EXPECT_TRUE(Candidate{}.retrieved_contexts().empty());
}

}  // namespace
}  // namespace genai::emulator
