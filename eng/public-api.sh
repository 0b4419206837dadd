#!/usr/bin/env bash
# Records every public symbol the build reports as undeclared (RS0016) in the project's PublicAPI.Unshipped.txt,
# so a change to a package's public surface is a reviewed line in the diff. Run after changing public API:
#   bash eng/public-api.sh            (all packable projects)
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  touch "$dir/PublicAPI.Unshipped.txt" # an input of the compiler: the next build reports again
  for _ in 1 2 3; do
    log=$(dotnet build "$project" -p:TreatWarningsAsErrors=false 2>&1 || true)
    symbols=$(printf '%s\n' "$log" | grep -F "$dir/" | grep -o "warning RS0016: Symbol '[^']*'" | sed "s/^warning RS0016: Symbol '//; s/'\$//" | sort -u || true)
    [ -z "$symbols" ] && break
    { cat "$dir/PublicAPI.Unshipped.txt"; printf '%s\n' "$symbols"; } | grep -v '^#nullable enable$' | sort -u > "$dir/PublicAPI.Unshipped.tmp"
    { echo '#nullable enable'; cat "$dir/PublicAPI.Unshipped.tmp"; } > "$dir/PublicAPI.Unshipped.txt"
    rm "$dir/PublicAPI.Unshipped.tmp"
  done
  echo "$dir: $(($(wc -l < "$dir/PublicAPI.Unshipped.txt") - 1)) public symbols"
done
