#!/usr/bin/env bash
# THE test command: packs the five packages, builds a throwaway app from them, then runs every test.
# The last line it prints is "N passed, N failed"; it exits non-zero if any test failed or none ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Test hosts start by the hundred; watching their appsettings.json would exhaust inotify instances.
export DOTNET_hostBuilder__reloadConfigOnChange=false

packages_dir="$repo_root/artifacts/packages"
results_dir="$repo_root/artifacts/test-results"
packable_projects=(QuickPoll.Contracts QuickPoll.Client QuickPoll.Components QuickPoll.Server QuickPoll.Dashboard QuickPoll.TagHelpers)
work_dir="$(mktemp -d)"

step() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf 'eng/test.sh: %s\n' "$*" >&2; exit 1; }

# --- Machine prerequisites (Debian packages) ------------------------------------------------
apt_install() {
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || fail "need root or sudo to install: $*"
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)   # the browser tests use Debian's Chromium, never a download
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)   # the server tests run on PostgreSQL too
command -v unzip >/dev/null || missing+=(unzip)     # to look inside the packages
command -v curl >/dev/null || missing+=(curl)       # the README's "any page" recipe registers its site with curl
command -v npx >/dev/null || missing+=(nodejs npm)  # the OpenAPI lint test runs Redocly's CLI through npx
if (( ${#missing[@]} )); then
    step "Installing ${missing[*]}"
    apt_install "${missing[@]}"
fi

# --- Services the tests need -----------------------------------------------------------------
# A throwaway PostgreSQL server for the storage tests, on a port and socket directory of our own;
# cleanup stops it on every exit, passed or failed.
postgres_dir="$(mktemp -d /tmp/quickpoll-postgres.XXXXXX)"
start_services() {
    step "Starting PostgreSQL on 127.0.0.1:${QUICKPOLL_TEST_POSTGRES_PORT:-55432}"
    QUICKPOLL_TEST_POSTGRES="$(bash eng/postgres.sh start "$postgres_dir" "${QUICKPOLL_TEST_POSTGRES_PORT:-55432}")"
    export QUICKPOLL_TEST_POSTGRES
}
stop_services() { bash eng/postgres.sh stop "$postgres_dir"; }

cleanup() {
    stop_services || true
    rm -rf "$work_dir" "$postgres_dir"
}
trap cleanup EXIT

start_services

# --- Packages --------------------------------------------------------------------------------
step "Packing ${packable_projects[*]} into artifacts/packages"
mkdir -p "$packages_dir"
rm -f "$packages_dir"/QuickPoll.*.nupkg "$packages_dir"/QuickPoll.*.snupkg
for project in "${packable_projects[@]}"; do
    dotnet pack "src/$project/$project.csproj" -c Release -o "$packages_dir" --nologo
done
version="$(dotnet msbuild src/QuickPoll.Contracts/QuickPoll.Contracts.csproj -getProperty:PackageVersion -p:Configuration=Release)"
[[ -n "$version" ]] || fail "could not read the package version"

step "Checking the contents of the $version packages"
for project in "${packable_projects[@]}"; do
    nupkg="$packages_dir/$project.$version.nupkg"
    [[ -f "$nupkg" ]] || fail "$nupkg was not produced"
    entries="$(unzip -Z1 "$nupkg")"
    grep -qx 'README.md' <<<"$entries" || fail "$project.$version.nupkg has no README.md at its root"
done
components_entries="$(unzip -Z1 "$packages_dir/QuickPoll.Components.$version.nupkg")"
grep -q '^staticwebassets/' <<<"$components_entries" \
    || fail "QuickPoll.Components.$version.nupkg has no staticwebassets/ folder"
grep -Eq '^staticwebassets/.*QuickPoll\.Components\..*css$' <<<"$components_entries" \
    || fail "QuickPoll.Components.$version.nupkg has no scoped CSS bundle under staticwebassets/"
# The dashboard uses the endpoint's internals, so it must depend on exactly the same version of it.
unzip -p "$packages_dir/QuickPoll.Dashboard.$version.nupkg" QuickPoll.Dashboard.nuspec \
    | grep -qF "<dependency id=\"QuickPoll.Server\" version=\"[$version]\"" \
    || fail "QuickPoll.Dashboard.$version.nupkg does not depend on exactly QuickPoll.Server $version"
# The tag helpers render through the components' internals, so they depend on exactly the same version of them.
unzip -p "$packages_dir/QuickPoll.TagHelpers.$version.nupkg" QuickPoll.TagHelpers.nuspec \
    | grep -qF "<dependency id=\"QuickPoll.Components\" version=\"[$version]\"" \
    || fail "QuickPoll.TagHelpers.$version.nupkg does not depend on exactly QuickPoll.Components $version"

# A shop developer's first build: only the packed packages, in an empty package cache.
step "Building a throwaway consumer app from the packed packages"
consumer="$work_dir/consumer"
mkdir -p "$consumer/Components" "$consumer/Pages"
# Stop MSBuild and NuGet from picking up anything above the temp folder.
echo '<Project />' >"$work_dir/Directory.Build.props"
echo '<Project />' >"$work_dir/Directory.Build.targets"
echo '<Project />' >"$work_dir/Directory.Packages.props"
cat >"$work_dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="quickpoll-packed" value="$packages_dir" />
  </packageSources>
</configuration>
XML
cat >"$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
$(for project in "${packable_projects[@]}"; do printf '    <PackageReference Include="%s" Version="[%s]" />\n' "$project" "$version"; done)
  </ItemGroup>
</Project>
XML
cat >"$consumer/Program.cs" <<'CS'
using QuickPoll.Client;
using QuickPoll.Contracts;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddQuickPollComponents(o => o.BaseAddress = new Uri("http://127.0.0.1:5080/"));
builder.Services.AddQuickPollServer(o => o.ConnectionString = "Data Source=consumer.db");
builder.Services.AddQuickPollDashboard();
builder.Services.AddRazorPages();
builder.Services.AddQuickPollTagHelpers(); // the same components on Razor Pages and MVC views

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<Consumer.Components.App>().AddInteractiveServerRenderMode();
app.MapQuickPoll();
app.MapQuickPollDashboard(); // the staff dashboard ships in its own package: pages, charts and its stylesheet
app.MapRazorPages();
app.MapGet("/summary", (IQuickPollApi api) => api.GetSummaryAsync("mug-001", FeedbackKind.Stars));
app.Run();
CS
cat >"$consumer/Components/App.razor" <<'RAZOR'
@using Microsoft.AspNetCore.Components.Web
@using QuickPoll.Components
@using static Microsoft.AspNetCore.Components.Web.RenderMode
<!DOCTYPE html>
<html lang="en">
<head>
    <base href="/" />
    <link rel="stylesheet" href="@Assets["Consumer.styles.css"]" />
    <HeadOutlet />
</head>
<body>
    <RatingSummary Target="mug-001" @rendermode="InteractiveServer" />
    <StarRating Target="mug-001" @rendermode="InteractiveServer" />
    <script src="@Assets["_framework/blazor.web.js"]"></script>
</body>
</html>
RAZOR
cat >"$consumer/Pages/_ViewImports.cshtml" <<'CSHTML'
@addTagHelper *, QuickPoll.TagHelpers
CSHTML
cat >"$consumer/Pages/Product.cshtml" <<'CSHTML'
@page
<quickpoll-context journey-stage="purchase" touchpoint="product-page">
    <quickpoll-summary target="mug-001"></quickpoll-summary>
    <quickpoll-rating target="mug-001" kind="stars"></quickpoll-rating>
</quickpoll-context>
CSHTML
# The nuget.config above adds the packed folder to the machine's own sources (a --configfile would replace them).
dotnet restore "$consumer/Consumer.csproj" --packages "$work_dir/nuget-packages"
dotnet build "$consumer/Consumer.csproj" -c Release --no-restore --nologo
for project in "${packable_projects[@]}"; do
    metadata="$work_dir/nuget-packages/${project,,}/$version/.nupkg.metadata"
    [[ -f "$metadata" ]] || fail "$project $version was not restored"
    grep -qF "\"source\": \"$packages_dir" "$metadata" || fail "$project $version was restored from somewhere other than artifacts/packages"
done
endpoints="$(find "$consumer/bin/Release" -name 'Consumer.staticwebassets.endpoints.json' | head -n 1)"
[[ -n "$endpoints" ]] && grep -q '_content/QuickPoll.Components/' "$endpoints" \
    || fail "the consumer app does not serve QuickPoll.Components' static web assets"

# --- Tests -----------------------------------------------------------------------------------
step "Running the tests of Widget.sln"
rm -rf "$results_dir"
mkdir -p "$results_dir"
export QUICKPOLL_E2E_ARTIFACTS="$results_dir"
test_exit=0
dotnet build Widget.sln -c Release --nologo || test_exit=$?
if (( test_exit == 0 )); then
    # One project at a time, each with its own results file, so no count can overwrite another.
    for project in tests/*/*.Tests.csproj; do
        name="$(basename "$project" .csproj)"
        dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results_dir" || test_exit=$?
    done
fi

passed=0
failed=0
shopt -s nullglob
for trx in "$results_dir"/*.trx; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
    count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    n="$(count passed)"
    passed=$(( passed + ${n:-0} ))
    for outcome in failed error timeout aborted; do
        n="$(count "$outcome")"
        failed=$(( failed + ${n:-0} ))
    done
done

if (( test_exit != 0 && failed == 0 )); then
    printf 'eng/test.sh: dotnet test exited with %s (a build or run error outside the test results)\n' "$test_exit" >&2
fi
if (( passed == 0 && failed == 0 )); then
    printf 'eng/test.sh: no test ran\n' >&2
fi
echo "$passed passed, $failed failed"
(( test_exit == 0 && failed == 0 && passed > 0 ))
