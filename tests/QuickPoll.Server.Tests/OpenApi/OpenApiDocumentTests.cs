using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace QuickPoll.Server.Tests.OpenApi;

/// <summary>
/// The document a shop developer gets from <c>AddOpenApi()</c> and <c>MapOpenApi()</c> beside <c>MapQuickPoll()</c> and
/// <c>MapQuickPollAdmin()</c>: it must describe every QuickPoll endpoint well enough to generate a client from it.
/// </summary>
public sealed partial class OpenApiDocumentTests(OpenApiDocumentTests.DocumentFixture fixture) : IClassFixture<OpenApiDocumentTests.DocumentFixture>
{
    private const string ApiPrefix = "/api/v1";

    private OpenApiDocument Document => fixture.Document;

    [Fact]
    public void The_document_parses_and_validates_without_errors()
    {
        Assert.Empty(fixture.Diagnostic.Errors);
        Assert.Empty(Document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.StartsWith("3.", fixture.Json["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_reference_points_at_a_component_of_the_document()
    {
        var references = References(fixture.Json).ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var parts = reference.Split('/');
            Assert.True(
                parts is ["#", "components", var kind, var name] && fixture.Json["components"]?[kind]?[name] is not null,
                $"The reference '{reference}' points at nothing.");
        }
    }

    [Fact]
    public void Every_mapped_QuickPoll_endpoint_is_documented_and_nothing_else()
    {
        var mapped = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(ApiPrefix, StringComparison.Ordinal) == true)
            // The CORS preflight answer is not an operation.
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => $"{method} {PathOf(e.RoutePattern.RawText!)}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.Equal(mapped, Operations().Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_operation_is_named_and_summarised()
    {
        foreach (var (method, path, operation) in Operations())
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.OperationId), $"{method} {path} has no operation id.");
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{method} {path} has no summary.");
        }
    }

    [Fact]
    public void Every_POST_and_PUT_takes_a_required_JSON_body_with_an_object_schema()
    {
        // Rotating a site's key is an action on the site named in the path: there is nothing to send.
        var writes = Operations().Where(o => (o.Method == HttpMethod.Post || o.Method == HttpMethod.Put) && o.Operation.OperationId != "RotateSitePublicKey").ToList();
        Assert.NotEmpty(writes);
        foreach (var (method, path, operation) in writes)
        {
            var body = operation.RequestBody;
            Assert.True(body is { Required: true }, $"{method} {path} documents no required request body.");
            Assert.True(body!.Content!.TryGetValue("application/json", out var json), $"{method} {path} takes no JSON body.");
            Assert.True(json.Schema is OpenApiSchemaReference, $"{method} {path}: the body's schema is not a named component.");
            Assert.Equal(JsonSchemaType.Object, json.Schema!.Type);
            Assert.NotEmpty(json.Schema.Properties!);
        }
    }

    [Theory]
    [InlineData("SubmitAnswer", "SubmitAnswerRequest")]
    [InlineData("VoteInPoll", "PollVoteRequest")]
    [InlineData("CreatePoll", "PollDefinition")]
    [InlineData("UpdatePoll", "PollDefinition")]
    [InlineData("SubmitComment", "SubmitCommentRequest")]
    [InlineData("ModerateComments", "ModerationDecision")]
    [InlineData("CreateSite", "SiteDefinition")]
    [InlineData("UpdateSite", "SiteDefinition")]
    [InlineData("CreateAdminKey", "CreateAdminKeyRequest")]
    public void A_body_is_described_by_its_contract(string operationId, string schema)
    {
        var body = Operation(operationId).RequestBody!.Content!["application/json"].Schema;
        Assert.Equal(schema, Assert.IsType<OpenApiSchemaReference>(body).Reference.Id);
    }

    [Fact]
    public void Every_operation_has_a_success_response_with_a_schema()
    {
        foreach (var (method, path, operation) in Operations())
        {
            // A delete with nothing to return answers 204 and documents no body.
            if (operation.Responses!.TryGetValue("204", out var noContent))
            {
                Assert.Equal(HttpMethod.Delete, method);
                Assert.DoesNotContain(operation.Responses.Keys, key => key is "200" or "201");
                Assert.True(noContent.Content is null || noContent.Content.Count == 0, $"{method} {path}: the 204 response documents a body.");
                continue;
            }

            var success = operation.Responses!.Where(r => r.Key is "200" or "201").Select(r => r.Value).SingleOrDefault();
            Assert.True(success is not null, $"{method} {path} documents no 200 or 201 response.");
            Assert.True(success!.Content?.Values.Any(c => c.Schema is not null) == true, $"{method} {path}: the success response has no schema.");
        }
    }

    [Fact]
    public void Every_problem_response_is_an_RFC_9457_problem()
    {
        foreach (var (method, path, operation) in Operations())
        {
            foreach (var (status, response) in operation.Responses!.Where(r => r.Key.StartsWith('4')))
            {
                Assert.True(response.Content!.TryGetValue("application/problem+json", out var problem), $"{method} {path} {status} is not application/problem+json.");
                var expected = status == "400" ? "HttpValidationProblemDetails" : "ProblemDetails";
                Assert.Equal(expected, Assert.IsType<OpenApiSchemaReference>(problem.Schema).Reference.Id);
            }
        }
    }

    [Fact]
    public void Reading_a_body_can_fail_as_400_413_or_415_and_an_admin_call_as_401()
    {
        foreach (var (method, path, operation) in Operations())
        {
            var statuses = operation.Responses!.Keys.ToHashSet();
            if (operation.RequestBody is not null)
            {
                Assert.Superset(new HashSet<string> { "400", "413", "415" }, statuses);
            }

            if (path.StartsWith($"{ApiPrefix}/admin/", StringComparison.Ordinal))
            {
                Assert.Contains("401", statuses);
            }
            else
            {
                // An unknown site key is 401, a write from an origin the site does not allow 403.
                Assert.Superset(new HashSet<string> { "401", "403" }, statuses);
            }

            // Erasing is idempotent: a visitor with nothing stored is erased already (200, zeros), never 404.
            if (path.Contains('{', StringComparison.Ordinal) && operation.OperationId != "EraseVisitor")
            {
                Assert.True(statuses.Contains("404"), $"{method} {path} takes an id but documents no 404.");
            }
        }
    }

    [Theory]
    [InlineData("SubmitAnswer", "200 400 401 403 409 413 415 429")]
    [InlineData("GetSummary", "200 400 401 403 429")]
    [InlineData("GetPoll", "200 401 403 404 429")]
    [InlineData("VoteInPoll", "200 400 401 403 404 409 413 415 429")]
    [InlineData("GetPollResults", "200 401 403 404 429")]
    [InlineData("SubmitComment", "200 400 401 403 409 413 415 429")]
    [InlineData("ListComments", "200 400 401 403 429")]
    [InlineData("GetCommentForm", "200 400 401 403 429")]
    [InlineData("CreateSite", "201 400 401 413 415")]
    [InlineData("UpdateSite", "200 400 401 404 413 415")]
    [InlineData("RotateSitePublicKey", "200 401 404")]
    [InlineData("CreateAdminKey", "201 400 401 413 415")]
    [InlineData("RevokeAdminKey", "200 401 404 409")]
    [InlineData("CreatePoll", "201 400 401 413 415")]
    [InlineData("ListPolls", "200 401")]
    [InlineData("UpdatePoll", "200 400 401 404 413 415")]
    [InlineData("GetPollResultsBreakdown", "200 400 401 404")]
    [InlineData("ListCommentsForModeration", "200 400 401")]
    [InlineData("ModerateComments", "200 400 401 413 415")]
    [InlineData("EraseVisitor", "200 400 401")]
    [InlineData("DeleteComment", "204 400 401 404")]
    public void An_operation_documents_exactly_the_statuses_it_answers_with(string operationId, string statuses) =>
        Assert.Equal(statuses.Split(' '), Operation(operationId).Responses!.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Public_submissions_take_an_optional_Idempotency_Key_header()
    {
        var submissions = Operations().Where(o => o.Method == HttpMethod.Post && !o.Path.StartsWith($"{ApiPrefix}/admin/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["SubmitAnswer", "SubmitComment", "VoteInPoll"], submissions.Select(o => o.Operation.OperationId).Order(StringComparer.Ordinal));
        foreach (var (method, path, operation) in submissions)
        {
            var header = operation.Parameters?.SingleOrDefault(p => p.In == ParameterLocation.Header && p.Name == "Idempotency-Key");
            Assert.True(header is not null, $"{method} {path} does not document the Idempotency-Key header.");
            Assert.False(header!.Required);
            Assert.Equal(JsonSchemaType.String, header.Schema!.Type);
            Assert.Equal(128, header.Schema.MaxLength);
        }
    }

    [Fact]
    public void Public_operations_take_the_site_key_as_an_optional_apiKey_scheme_and_admin_ones_do_not()
    {
        var scheme = Document.Components!.SecuritySchemes!["quickPollSiteKey"];
        Assert.Equal(SecuritySchemeType.ApiKey, scheme.Type);
        Assert.Equal(ParameterLocation.Header, scheme.In);
        Assert.Equal("X-QuickPoll-Site", scheme.Name);

        foreach (var (method, path, operation) in Operations())
        {
            // The key is described once, as the scheme, never also as a header parameter.
            Assert.DoesNotContain(operation.Parameters ?? [], p => p.In == ParameterLocation.Header && p.Name == "X-QuickPoll-Site");
            var requirements = operation.Security ?? [];
            var siteKey = requirements.Where(r => r.Keys.Any(k => k.Type == SecuritySchemeType.ApiKey && k.Name == "X-QuickPoll-Site")).ToList();
            if (path.StartsWith($"{ApiPrefix}/admin/", StringComparison.Ordinal))
            {
                Assert.True(siteKey.Count == 0, $"{method} {path} takes the site key.");
            }
            else
            {
                Assert.True(siteKey.Count == 1 && siteKey[0].Count == 1, $"{method} {path} does not take the site key scheme.");
                // Optional: a page without a key is answered too, unless the server sets RequireSiteKey.
                Assert.True(requirements.Any(r => r.Count == 0), $"{method} {path} requires the site key.");
            }
        }
    }

    [Fact]
    public void Admin_operations_require_the_bearer_scheme_and_public_ones_do_not()
    {
        var scheme = Document.Components!.SecuritySchemes!["quickPollAdminKey"];
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
        Assert.Equal(["quickPollAdminKey", "quickPollSiteKey"], Document.Components.SecuritySchemes.Keys.Order(StringComparer.Ordinal));
        Assert.Null(Document.Security);

        foreach (var (method, path, operation) in Operations())
        {
            var requirements = operation.Security ?? [];
            var bearer = requirements.SelectMany(requirement => requirement.Keys).Where(k => k.Type == SecuritySchemeType.Http && k.Scheme == "bearer").ToList();
            if (path.StartsWith($"{ApiPrefix}/admin/", StringComparison.Ordinal))
            {
                var required = Assert.Single(requirements);
                Assert.True(Assert.Single(required.Keys) is { Type: SecuritySchemeType.Http, Scheme: "bearer" }, $"{method} {path} does not require the bearer scheme.");
            }
            else
            {
                Assert.True(bearer.Count == 0, $"{method} {path} requires the admin key.");
            }
        }
    }

    [Fact]
    public void Enums_are_described_by_their_wire_names()
    {
        var kind = Document.Components!.Schemas!["FeedbackKind"];
        Assert.Equal(JsonSchemaType.String, kind.Type);
        Assert.Equal(["stars", "thumbs", "nps", "csat", "ces"], kind.Enum!.Select(v => v.GetValue<string>()));

        var answer = Document.Components.Schemas["SubmitAnswerRequest"].Properties!;
        Assert.Equal(["stars", "thumbs", "nps", "csat", "ces"], answer["kind"].Enum!.Select(v => v.GetValue<string>()));
        Assert.Contains("after-purchase", answer["journeyStage"].Enum!.Where(v => v is not null).Select(v => v.GetValue<string>()));

        var query = Operation("GetSummary").Parameters!.Single(p => p.Name == "kind");
        Assert.Equal(["stars", "thumbs", "nps", "csat", "ces"], query.Schema!.Enum!.Select(v => v.GetValue<string>()));
        Assert.Equal(["published", "held", "rejected"], Document.Components.Schemas["CommentStatus"].Enum!.Select(v => v.GetValue<string>()));
    }

    private OpenApiOperation Operation(string operationId) =>
        Operations().Single(o => o.Operation.OperationId == operationId).Operation;

    private IEnumerable<(HttpMethod Method, string Path, OpenApiOperation Operation)> Operations() =>
        from path in Document.Paths
        from operation in path.Value.Operations ?? []
        select (operation.Key, path.Key, operation.Value);

    // "/api/v1/polls/{pollId:int?}" -> "/api/v1/polls/{pollId}", as OpenAPI writes it.
    private static string PathOf(string routePattern) => RouteParameter().Replace(routePattern, "{$1}");

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>()] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };

    /// <summary>One host and one fetched document for the whole class: the document does not change between tests.</summary>
    public sealed class DocumentFixture : IAsyncLifetime
    {
        private readonly TestDatabase _database = TestDatabase.Create(QuickPollStorageProvider.Sqlite);
        private QuickPollServerFactory? _factory;

        public OpenApiDocument Document { get; private set; } = null!;

        public OpenApiDiagnostic Diagnostic { get; private set; } = null!;

        public JsonNode Json { get; private set; } = null!;

        public IServiceProvider Services => _factory!.Services;

        public async Task InitializeAsync()
        {
            _factory = new QuickPollServerFactory(_database);
            using var response = await _factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();

            Json = JsonNode.Parse(text)!;
            var (document, diagnostic) = OpenApiDocument.Parse(text, "json");
            Document = document ?? throw new InvalidOperationException("The OpenAPI document did not parse: " + string.Join("; ", diagnostic?.Errors ?? []));
            Diagnostic = diagnostic!;
        }

        public Task DisposeAsync()
        {
            _factory?.Dispose();
            _database.Dispose();
            return Task.CompletedTask;
        }
    }
}
