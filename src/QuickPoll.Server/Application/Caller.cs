using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Application;

/// <summary>
/// Who asks a public use case, as far as it matters to the answer: the site whose public key came with the request (none
/// in process), the submission's <c>Idempotency-Key</c> as given (checked by the use case), and the visitor's request,
/// whose first-party cookie gives a visitor id where the site uses one (none in an interactive circuit).
/// </summary>
internal sealed record Caller(RegisteredSite? Site = null, string? IdempotencyKey = null, HttpContext? Visitor = null);
