using static QuickPoll.Server.Tests.Hostile.HostileRequest;

namespace QuickPoll.Server.Tests.Hostile;

/// <summary>
/// Malformed requests against every public and admin endpoint. Each must be refused with a 4xx problem and store
/// nothing. Decisions worth knowing: unknown JSON fields and duplicate properties are refused (a misspelt
/// <c>kind</c> would otherwise be stored as stars), numbers written as JSON strings ("4") are accepted (the web
/// defaults), and a UTF-8 byte order mark before the body is refused like any other non-JSON byte.
/// </summary>
public static class HostileCorpus
{
    private const string Answers = "/api/v1/answers";
    private const string Comments = "/api/v1/comments";
    private const string Votes = "/api/v1/polls/{poll}/votes";
    private const string AdminPolls = "/api/v1/admin/polls";
    private const string Moderation = "/api/v1/admin/comments/moderation";

    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    private static readonly string s_deep = new string('[', 100) + new string(']', 100);
    private static readonly string s_deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
    private static readonly string s_huge = new('x', 20_000);
    private const string Poll = """{"question":{"en":"Q?"},"choices":[{"id":"a","label":{"en":"A"}},{"id":"b","label":{"en":"B"}}]""";

    public static IReadOnlyList<HostileRequest> All { get; } =
    [
        // Answers: wrong types, out-of-range and huge numbers, nulls.
        Answer("score as a word", """{"target":"mug-001","score":"four"}""", "score"),
        Answer("score as a boolean", """{"target":"mug-001","score":true}""", "score"),
        Answer("score 1e400", """{"target":"mug-001","score":1e400}""", "score"),
        Answer("score 2147483648", """{"target":"mug-001","score":2147483648}""", "score"),
        Answer("score -2147483649", """{"target":"mug-001","score":-2147483649}""", "score"),
        Answer("score with a fraction", """{"target":"mug-001","score":4.5}""", "score"),
        Answer("score off the scale", """{"target":"mug-001","score":6}""", "score"),
        Answer("score null", """{"target":"mug-001","score":null}""", "score"),
        Answer("score missing on a scale that has 0", """{"target":"mug-001","kind":"nps"}""", "score"),
        Answer("score as an array", """{"target":"mug-001","score":[4]}""", "score"),
        Answer("target null", """{"target":null,"score":4}""", "target"),
        Answer("target missing", """{"score":4}""", "target"),
        Answer("target as a number", """{"target":42,"score":4}""", "target"),
        Answer("target as an object", """{"target":{"sku":"mug-001"},"score":4}""", "target"),
        Answer("target empty", """{"target":"","score":4}""", "target"),
        Answer("target too long", $$"""{"target":"{{new string('t', 129)}}","score":4}""", "target"),
        Answer("target with a control character", """{"target":"mug\u0001","score":4}""", "target"),
        Answer("target with a NUL", """{"target":"mug\u0000","score":4}""", "target"),
        Answer("target with a lone surrogate", """{"target":"mug\ud800","score":4}""", "target"),
        Answer("kind unknown", """{"target":"mug-001","score":4,"kind":"bogus"}""", "kind"),
        Answer("kind as an undefined number", """{"target":"mug-001","score":4,"kind":99}""", "kind"),
        Answer("kind null", """{"target":"mug-001","score":4,"kind":null}""", "kind"),
        Answer("unknown field (a misspelt kind)", """{"target":"mug-001","score":4,"knd":"nps"}""", "knd"),
        Answer("duplicate property", """{"target":"mug-001","score":4,"score":5}""", "score"),
        Answer("journey stage unknown", """{"target":"mug-001","score":4,"journeyStage":"checkout"}""", "journeyStage"),
        Answer("visitor id too short", """{"target":"mug-001","score":4,"visitorId":"short"}""", "visitorId"),
        Answer("visitor id SQL-ish", """{"target":"mug-001","score":4,"visitorId":"x' OR '1'='1"}""", "visitorId"),
        Answer("locale path-traversal-ish", """{"target":"mug-001","score":4,"locale":"../../etc"}""", "locale"),
        Answer("page path to another host", """{"target":"mug-001","score":4,"pagePath":"//evil.example/"}""", "pagePath"),
        Answer("segment with a NUL", """{"target":"mug-001","score":4,"segment":"b2b\u0000"}""", "segment"),
        Answer("segment 10 000 characters", $$"""{"target":"mug-001","score":4,"segment":"{{new string('s', 10_000)}}"}""", "segment"),
        Answer("order token garbage", """{"target":"mug-001","score":4,"orderToken":"garbage"}""", "orderToken"),
        Answer("nesting beyond MaxDepth", s_deep, "body"),
        Answer("deep object in an unknown field", $$"""{"target":"mug-001","score":4,"extra":{{s_deepObject}}}""", "extra"),
        Answer("truncated JSON", """{"target":"mug-001","sco""", null),
        Answer("body null", "null", "body"),
        Answer("body an array", "[]", "body"),
        Answer("body a string", "\"mug-001\"", "body"),
        Answer("body empty", "", "body"),
        Answer("trailing garbage", """{"target":"mug-001","score":4} x""", null),
        Answer("two JSON objects", """{"target":"mug-001","score":4}{"target":"mug-001","score":4}""", null),
        Answer("comments in JSON", """{"target":"mug-001",/* */"score":4}""", null),
        new("answer: invalid UTF-8 in a string", Post, Answers, 400, "target")
        {
            Body = Bytes(Utf8("""{"target":"mug"""), [0xC3, 0x28], Utf8("\",\"score\":4}")),
        },
        new("answer: overlong UTF-8 encoding", Post, Answers, 400, "target")
        {
            Body = Bytes(Utf8("""{"target":"mug"""), [0xC0, 0xAF], Utf8("\",\"score\":4}")),
        },
        new("answer: a byte order mark", Post, Answers, 400, null)
        {
            Body = Bytes([0xEF, 0xBB, 0xBF], Utf8("""{"target":"mug-001","score":4}""")),
        },
        new("answer: no content type", Post, Answers, 415) { Body = Utf8("""{"target":"mug-001","score":4}"""), ContentType = null },
        new("answer: text/plain", Post, Answers, 415) { Body = Utf8("""{"target":"mug-001","score":4}"""), ContentType = "text/plain" },
        new("answer: a form", Post, Answers, 415) { Body = Utf8("target=mug-001&score=4"), ContentType = "application/x-www-form-urlencoded" },
        new("answer: oversized with Content-Length", Post, Answers, 413) { Body = Utf8($$"""{"target":"mug-001","score":4,"pagePath":"/{{s_huge}}"}""") },
        new("answer: oversized chunked", Post, Answers, 413) { Body = Utf8($$"""{"target":"mug-001","score":4,"pagePath":"/{{s_huge}}"}"""), Chunked = true },
        new("answer: Idempotency-Key too long", Post, Answers, 400, "Idempotency-Key")
        {
            Body = Utf8("""{"target":"mug-001","score":4}"""),
            Headers = [("Idempotency-Key", new string('k', 10_000))],
        },
        new("answer: Idempotency-Key with a space", Post, Answers, 400, "Idempotency-Key")
        {
            Body = Utf8("""{"target":"mug-001","score":4}"""),
            Headers = [("Idempotency-Key", "a key")],
        },
        new("answer: Idempotency-Key twice", Post, Answers, 400, "Idempotency-Key")
        {
            Body = Utf8("""{"target":"mug-001","score":4}"""),
            Headers = [("Idempotency-Key", "key-one"), ("Idempotency-Key", "key-two")],
        },

        // Summaries: query strings.
        new("summary: no target", Get, "/api/v1/summaries", 400, "target"),
        new("summary: target 10 000 characters", Get, $"/api/v1/summaries?target={new string('t', 10_000)}", 400, "target"),
        new("summary: target with an encoded NUL", Get, "/api/v1/summaries?target=mug%00", 400, "target"),
        new("summary: kind unknown", Get, "/api/v1/summaries?target=mug-001&kind=bogus", 400, "kind"),
        new("summary: journey stage unknown", Get, "/api/v1/summaries?target=mug-001&journeyStage=checkout", 400, "journeyStage"),
        new("summary: locale SQL-ish", Get, "/api/v1/summaries?target=mug-001&locale=en'%3B--", 400, "locale"),
        new("summary: two filters", Get, "/api/v1/summaries?target=mug-001&segment=b2b&touchpoint=pdp", 400, "filter"),

        // Polls.
        new("poll: path traversal id", Get, "/api/v1/polls/..%2F..%2Fetc%2Fpasswd", 404, "pollId"),
        new("poll: SQL-ish id", Get, "/api/v1/polls/x'%20OR%20'1'%3D'1", 404, "pollId"),
        new("poll: unknown id, results", Get, "/api/v1/polls/unknown/results", 404, "pollId"),
        new("poll: id 5 000 characters", Get, $"/api/v1/polls/{new string('p', 5_000)}", 404, "pollId"),
        Vote("vote: unknown poll", "/api/v1/polls/unknown/votes", """{"choiceIds":["a"]}""", 404, "pollId"),
        Vote("vote: choiceIds null", Votes, """{"choiceIds":null}""", 400, "choiceIds"),
        Vote("vote: choiceIds missing", Votes, "{}", 400, "choiceIds"),
        Vote("vote: choiceIds empty", Votes, """{"choiceIds":[]}""", 400, "choiceIds"),
        Vote("vote: a choice twice", Votes, """{"choiceIds":["a","a"]}""", 400, "choiceIds"),
        Vote("vote: a null choice", Votes, """{"choiceIds":[null]}""", 400, "choiceIds"),
        Vote("vote: choiceIds a string", Votes, """{"choiceIds":"a"}""", 400, "choiceIds"),
        Vote("vote: a numeric choice", Votes, """{"choiceIds":[1]}""", 400, "choiceIds[0]"),
        Vote("vote: unknown choice", Votes, """{"choiceIds":["z"]}""", 400, "choiceIds"),
        Vote("vote: SQL-ish choice", Votes, """{"choiceIds":["a'); DELETE FROM poll_votes;--"]}""", 400, "choiceIds"),
        Vote("vote: two choices on a single-choice poll", Votes, """{"choiceIds":["a","b"]}""", 400, "choiceIds"),

        // Comments.
        Comment("comment: text null", """{"target":"mug-001","text":null}""", "text"),
        Comment("comment: text too long", $$"""{"target":"mug-001","text":"{{new string('c', 2001)}}"}""", "text"),
        Comment("comment: text with a NUL", """{"target":"mug-001","text":"nice\u0000mug"}""", "text"),
        Comment("comment: text with a lone surrogate", """{"target":"mug-001","text":"nice \udc00 mug"}""", "text"),
        Comment("comment: rating 6", """{"target":"mug-001","text":"nice","rating":6}""", "rating"),
        Comment("comment: rating 1e400", """{"target":"mug-001","text":"nice","rating":1e400}""", "rating"),
        Comment("comment: display name on two lines", """{"target":"mug-001","text":"nice","displayName":"Ola\nAdmin"}""", "displayName"),
        Comment("comment: unknown field", """{"target":"mug-001","text":"nice","status":"published"}""", "status"),
        new("comments: no target", Get, "/api/v1/comments", 400, "target"),
        new("comments: page not a number", Get, "/api/v1/comments?target=mug-001&page=abc", 400, "page"),
        new("comments: page 2147483648", Get, "/api/v1/comments?target=mug-001&page=2147483648", 400, "page"),
        new("comments: page 0", Get, "/api/v1/comments?target=mug-001&page=0", 400, "page"),
        new("comments: page given twice", Get, "/api/v1/comments?target=mug-001&page=1&page=2", 400, "page"),
        new("comments: pageSize 51", Get, "/api/v1/comments?target=mug-001&pageSize=51", 400, "pageSize"),
        new("comments: pageSize 1e3", Get, "/api/v1/comments?target=mug-001&pageSize=1e3", 400, "pageSize"),

        // Admin: keys.
        new("admin: no key", Get, AdminPolls, 401),
        new("admin: wrong key", Get, AdminPolls, 401) { Authorization = "Bearer not-the-admin-key-0000" },
        new("admin: key without the scheme", Get, AdminPolls, 401) { Authorization = QuickPollServerFactory.AdminKey },
        new("admin: basic auth", Get, AdminPolls, 401) { Authorization = "Basic YWRtaW46YWRtaW4=" },
        new("admin: 16 KB authorization header", Get, AdminPolls, 401) { Authorization = "Bearer " + new string('k', 16_000) },
        new("admin: no key, poll created", Post, AdminPolls, 401) { Body = Utf8(Poll + "}") },
        new("admin: no key, comments moderated", Post, Moderation, 401) { Body = Utf8("""{"commentIds":[1],"status":"rejected"}""") },

        // Admin: polls.
        Admin("admin poll: question null", Post, AdminPolls, """{"question":null,"choices":[]}""", "question"),
        Admin("admin poll: one choice", Post, AdminPolls, """{"question":{"en":"Q?"},"choices":[{"id":"a","label":{"en":"A"}}]}""", "choices"),
        Admin("admin poll: choice id path-traversal-ish", Post, AdminPolls, """{"question":{"en":"Q?"},"choices":[{"id":"../a","label":{"en":"A"}},{"id":"b","label":{"en":"B"}}]}""", "choices[0].id"),
        Admin("admin poll: SQL-ish language", Post, AdminPolls, """{"question":{"'; DROP TABLE polls;--":"Q?"},"choices":[{"id":"a","label":{"en":"A"}},{"id":"b","label":{"en":"B"}}]}""", "question"),
        Admin("admin poll: activeFrom not a date", Post, AdminPolls, Poll + ""","activeFrom":"soon"}""", "activeFrom"),
        Admin("admin poll: closed as a string", Post, AdminPolls, Poll + ""","closed":"yes"}""", "closed"),
        Admin("admin poll: label null in a language", Post, AdminPolls, """{"question":{"en":"Q?"},"choices":[{"id":"a","label":{"en":null}},{"id":"b","label":{"en":"B"}}]}""", "choices[0].label"),
        Admin("admin poll: update unknown", Put, "/api/v1/admin/polls/unknown", Poll + "}", "pollId", 404),
        Admin("admin poll: update with choices null", Put, "/api/v1/admin/polls/{poll}", """{"question":{"en":"Q?"},"choices":null}""", "choices"),
        new("admin poll: results by an unknown breakdown", Get, "/api/v1/admin/polls/{poll}/results?breakdown=bogus", 400, "breakdown") { Caller = Caller.Admin },
        new("admin poll: results of an unknown poll", Get, "/api/v1/admin/polls/unknown/results", 404, "pollId") { Caller = Caller.Admin },

        // Admin: comments.
        new("admin comments: status unknown", Get, "/api/v1/admin/comments?status=bogus", 400, "status") { Caller = Caller.Admin },
        new("admin comments: rating not a number", Get, "/api/v1/admin/comments?rating=five", 400, "rating") { Caller = Caller.Admin },
        new("admin comments: page -1", Get, "/api/v1/admin/comments?page=-1", 400, "page") { Caller = Caller.Admin },
        Admin("moderation: no ids", Post, Moderation, """{"commentIds":[],"status":"rejected"}""", "commentIds"),
        Admin("moderation: ids null", Post, Moderation, """{"commentIds":null,"status":"rejected"}""", "commentIds"),
        Admin("moderation: status deleted", Post, Moderation, """{"commentIds":[1],"status":"deleted"}""", "status"),
        Admin("moderation: status held", Post, Moderation, """{"commentIds":[1],"status":"held"}""", "status"),
        Admin("moderation: status missing", Post, Moderation, """{"commentIds":[1]}""", "status"),
        Admin("moderation: an id not a number", Post, Moderation, """{"commentIds":["abc"],"status":"rejected"}""", "commentIds[0]"),
        Admin("moderation: an id beyond long", Post, Moderation, """{"commentIds":[9223372036854775808],"status":"rejected"}""", "commentIds[0]"),
        Admin("moderation: 201 ids", Post, Moderation, $$"""{"commentIds":[{{string.Join(',', Enumerable.Range(1, 201))}}],"status":"rejected"}""", "commentIds"),

        // Admin: results and export.
        new("admin results: kind unknown", Get, "/api/v1/admin/results?kind=bogus", 400, "kind") { Caller = Caller.Admin },
        new("admin results: breakdown unknown", Get, "/api/v1/admin/results?breakdown=visitorId", 400, "breakdown") { Caller = Caller.Admin },
        new("admin export: from not a date", Get, "/api/v1/admin/answers?from=yesterday", 400, "from") { Caller = Caller.Admin },
        new("admin export: to before from", Get, "/api/v1/admin/answers?from=2026-02-01&to=2026-01-01", 400, "to") { Caller = Caller.Admin },
        new("admin export: format xml", Get, "/api/v1/admin/answers?format=xml", 400, "format") { Caller = Caller.Admin },
        new("admin insights: from not a date", Get, "/api/v1/admin/insights?from=yesterday", 400, "from") { Caller = Caller.Admin },
        new("admin insights: breakdown by visitor", Get, "/api/v1/admin/insights/breakdown?kind=stars&by=visitorId", 400, "by") { Caller = Caller.Admin },

        // Admin: import and erasure.
        Admin("import: nothing to import", Post, "/api/v1/admin/import", """{"answers":[],"comments":[]}""", "answers"),
        Admin("import: an answer from the future", Post, "/api/v1/admin/import", """{"answers":[{"target":"mug-001","kind":"stars","score":4,"createdAt":"2999-01-01T00:00:00Z"}]}""", "answers[0].createdAt"),
        new("erase: visitor id of 5000 characters", Delete, $"/api/v1/admin/visitors/{new string('v', 5_000)}", 400, "visitorId") { Caller = Caller.Admin },

        // Public: the comment form.
        new("comment form: no target", Get, "/api/v1/comments/form", 400, "target"),

        // Site keys and origins: {site} is the seeded site's public key; its only origin is https://shop.example.
        SiteKey("site: unknown key on an answer", Answers, "qp_pk_not-a-site", null, 401, "X-QuickPoll-Site"),
        SiteKey("site: unknown key on a comment", Comments, "qp_pk_not-a-site", "https://shop.example", 401, "X-QuickPoll-Site"),
        SiteKey("site: the admin key as a site key", Answers, QuickPollServerFactory.AdminKey, null, 401, "X-QuickPoll-Site"),
        SiteKey("site: 16 KB site key", Answers, new string('k', 16_000), null, 401, "X-QuickPoll-Site"),
        new("site: unknown key on a read", Get, "/api/v1/summaries?target=mug-001", 401, "X-QuickPoll-Site") { Headers = [("X-QuickPoll-Site", "qp_pk_nope")] },
        SiteKey("site: answer from another origin", Answers, "{site}", "https://evil.example", 403, "Origin"),
        SiteKey("site: answer from a look-alike origin", Answers, "{site}", "https://shop.example.evil.example", 403, "Origin"),
        SiteKey("site: answer from the origin over http", Answers, "{site}", "http://shop.example", 403, "Origin"),
        SiteKey("site: answer from the null origin", Answers, "{site}", "null", 403, "Origin"),
        SiteKey("site: comment from another origin", Comments, "{site}", "https://evil.example", 403, "Origin", """{"target":"mug-001","text":"Buy cheap mugs"}"""),
        SiteKey("site: vote from another origin", Votes, "{site}", "https://evil.example", 403, "Origin", """{"choiceIds":["a"]}"""),

        // Admin: sites and keys.
        Admin("admin site: origin with a path", Post, "/api/v1/admin/sites", """{"name":"Shop","allowedOrigins":["https://shop.example/reviews"]}""", "allowedOrigins[0]"),
        Admin("admin site: origin javascript:", Post, "/api/v1/admin/sites", """{"name":"Shop","allowedOrigins":["javascript:alert(1)"]}""", "allowedOrigins[0]"),
        Admin("admin site: origin a wildcard", Post, "/api/v1/admin/sites", """{"name":"Shop","allowedOrigins":["*"]}""", "allowedOrigins[0]"),
        Admin("admin site: origins null", Post, "/api/v1/admin/sites", """{"name":"Shop","allowedOrigins":null}""", "allowedOrigins"),
        Admin("admin site: 21 origins", Post, "/api/v1/admin/sites", $$"""{"name":"Shop","allowedOrigins":[{{string.Join(',', Enumerable.Range(1, 21).Select(i => $"\"https://s{i}.example\""))}}]}""", "allowedOrigins"),
        Admin("admin site: name empty", Post, "/api/v1/admin/sites", """{"name":"","allowedOrigins":[]}""", "name"),
        Admin("admin site: name missing", Post, "/api/v1/admin/sites", """{"allowedOrigins":[]}""", "name"),
        Admin("admin site: update unknown", Put, "/api/v1/admin/sites/unknown", """{"name":"Shop","allowedOrigins":[]}""", "siteId", 404),
        new("admin site: rotate unknown", Post, "/api/v1/admin/sites/unknown/public-key", 404, "siteId") { Caller = Caller.Admin },
        new("admin site: no key, site created", Post, "/api/v1/admin/sites", 401) { Body = Utf8("""{"name":"Shop","allowedOrigins":[]}""") },
        new("admin site: the site key as an admin key", Get, "/api/v1/admin/sites", 401) { Authorization = "Bearer {site}" },
        Admin("admin key: name too long", Post, "/api/v1/admin/keys", $$"""{"name":"{{new string('n', 101)}}"}""", "name"),
        Admin("admin key: name with a control character", Post, "/api/v1/admin/keys", """{"name":"ops"}""", "name"),
        new("admin key: revoke unknown", HttpMethod.Delete, "/api/v1/admin/keys/unknown", 404, "keyId") { Caller = Caller.Admin },
        new("admin comment: delete unknown", HttpMethod.Delete, "/api/v1/admin/comments/999999", 404, "commentId") { Caller = Caller.Admin },
        new("admin comment: delete an id not a number", HttpMethod.Delete, "/api/v1/admin/comments/abc", 400, "commentId") { Caller = Caller.Admin },
        new("admin comment: delete id zero", HttpMethod.Delete, "/api/v1/admin/comments/0", 400, "commentId") { Caller = Caller.Admin },
        new("admin comment: delete a negative id", HttpMethod.Delete, "/api/v1/admin/comments/-1", 400, "commentId") { Caller = Caller.Admin },
        new("admin comment: delete an id beyond long", HttpMethod.Delete, "/api/v1/admin/comments/9223372036854775808", 400, "commentId") { Caller = Caller.Admin },
        new("admin comment: delete an SQL-looking id", HttpMethod.Delete, "/api/v1/admin/comments/1%20OR%201=1", 400, "commentId") { Caller = Caller.Admin },
        new("admin comment: no key, comment deleted", HttpMethod.Delete, "/api/v1/admin/comments/1", 401),
        new("admin key: no key, key created", Post, "/api/v1/admin/keys", 401) { Body = Utf8("""{"name":"mine"}""") },
        new("admin key: made-up key", Get, "/api/v1/admin/keys", 401) { Authorization = "Bearer qp_sk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },

        // The API prefix: nothing under it falls through to the host app.
        new("prefix: unknown path", Get, "/api/v1/nothing-here", 404, "path"),
        new("prefix: POST to an unknown path", Post, "/api/v1/nothing-here", 404, "path") { Body = Utf8("""{"target":"mug-001","score":4}""") },
        new("prefix: a form posted to an unknown path", Post, "/api/v1/nothing-here", 404, "path") { Body = Utf8("a=1"), ContentType = "application/x-www-form-urlencoded" },
        new("prefix: the bare prefix", Get, "/api/v1", 404, "path"),
        new("prefix: a deep unknown path", Delete, "/api/v1/answers/1/2/3", 404, "path"),
        new("prefix: an encoded climb out", Get, "/api/v1/..%2F..%2Fquickpoll", 404, "path"),
        new("prefix: unknown admin path", Get, "/api/v1/admin/nothing-here", 404, "path") { Caller = Caller.Admin },
        new("prefix: unknown admin path without a key", Post, "/api/v1/admin/nothing-here", 404, "path") { Body = Utf8("{}") },
        new("prefix: DELETE on answers", Delete, Answers, 405, "method"),
        new("prefix: GET on answers", Get, Answers, 405, "method"),
        new("prefix: PUT on summaries", Put, "/api/v1/summaries?target=mug-001", 405, "method") { Body = Utf8("{}") },
        new("prefix: GET on votes", Get, Votes, 405, "method"),
        new("prefix: a made-up method", new HttpMethod("BREW"), Answers, 405, "method"),
        new("prefix: PATCH on an admin poll", new HttpMethod("PATCH"), "/api/v1/admin/polls/{poll}", 405, "method") { Body = Utf8("{}"), Caller = Caller.Admin },
        new("prefix: DELETE on admin polls without a key", Delete, AdminPolls, 405, "method"),

        // The form handler (the tag helpers' forms): no antiforgery token, not a form, a form too large to read.
        new("form: a rating without an antiforgery token", Post, "/quickpoll/form", 400, "__RequestVerificationToken")
        {
            Body = Utf8("qp-form=qp-stars-mug-001&qp-kind=stars&qp-target=mug-001&qp-score=5&qp-key=0123456789abcdef0123&qp-return=%2F"),
            ContentType = "application/x-www-form-urlencoded",
            Headers = [("Accept", "application/json")],
        },
        new("form: JSON instead of a form", Post, "/quickpoll/form", 415, "Content-Type")
        {
            Body = Utf8("""{"target":"mug-001","score":5}"""),
            Headers = [("Accept", "application/json")],
        },
        new("form: a form larger than any review", Post, "/quickpoll/form", 413, "form")
        {
            Body = Utf8("text=" + new string('x', 70_000)),
            ContentType = "application/x-www-form-urlencoded",
            Headers = [("Accept", "application/json")],
        },
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static HostileRequest Named(string name) => All.Single(c => c.Name == name);

    private static HostileRequest SiteKey(string name, string path, string key, string? origin, int status, string field, string json = """{"target":"mug-001","score":4}""") =>
        new(name, Post, path, status, field)
        {
            Body = Utf8(json),
            Headers = origin is null ? [("X-QuickPoll-Site", key)] : [("X-QuickPoll-Site", key), ("Origin", origin)],
        };

    private static HostileRequest Answer(string name, string json, string? field) =>
        new($"answer: {name}", Post, Answers, 400, field) { Body = Utf8(json) };

    private static HostileRequest Vote(string name, string path, string json, int status, string field) =>
        new(name, Post, path, status, field) { Body = Utf8(json) };

    private static HostileRequest Comment(string name, string json, string field) =>
        new(name, Post, Comments, 400, field) { Body = Utf8(json) };

    private static HostileRequest Admin(string name, HttpMethod method, string path, string json, string field, int status = 400) =>
        new(name, method, path, status, field) { Body = Utf8(json), Caller = Caller.Admin };
}
