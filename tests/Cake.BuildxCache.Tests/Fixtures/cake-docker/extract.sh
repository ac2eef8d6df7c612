#!/usr/bin/env bash
# Writes aliases.txt beside this script: Cake.Docker's script aliases (name and parameter types) and its public
# type names, read with git grep from a clone of https://github.com/MihaMarkic/Cake.Docker at a commit:
#
#   tests/Cake.BuildxCache.Tests/Fixtures/cake-docker/extract.sh PATH_TO_CAKE_DOCKER_CLONE [COMMIT]
#
# Docker/CakeDockerClashTests reads aliases.txt; no test runs this script.
# Alias lines: `alias Name(Type, Type)`, the parameters after `this ICakeContext context`, as the source spells
# their types, without defaults, `params` and nullable annotations (`string?` is `string` to the compiler's
# overload rules). Type lines: `type Name`, every public type declared at namespace level (nested ones cannot clash).
set -euo pipefail

repo="${1:?usage: extract.sh PATH_TO_CAKE_DOCKER_CLONE [COMMIT]}"
commit="$(git -C "$repo" rev-parse "${2:-HEAD}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(git -C "$repo" show "$commit:src/Cake.Docker/Cake.Docker.csproj" | sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p')"

sources() {
  local pattern="$1"
  git -C "$repo" grep -l -E "$pattern" "$commit" -- 'src/Cake.Docker/*.cs' | sed "s/^$commit://" | while read -r file; do
    git -C "$repo" show "$commit:$file"
    printf '\n\x1e\n'
  done
}

aliases="$(sources '\[CakeMethodAlias\]' | perl -0777 -ne '
  while (/\[CakeMethodAlias\]\s*(?:\[[^\]]*\]\s*)*public\s+static\s+(?:async\s+)?[\w<>\[\],\s?.]+?\s(\w+)\s*\(([^)]*)\)/sg) {
    my ($name, $parameters) = ($1, $2);
    my @types;
    for my $parameter (split /,(?![^<]*>)/, $parameters) {
      $parameter =~ s/^\s+|\s+$//g;
      next if $parameter =~ /^this\s/;
      $parameter =~ s/\s*=.*$//s;
      $parameter =~ s/^params\s+//;
      $parameter =~ s/\s+\w+$//;
      $parameter =~ s/\?$//;
      push @types, $parameter;
    }
    print "alias $name(" . join(", ", @types) . ")\n";
  }' | sort -u)"

# A file with a file-scoped namespace declares its types at column 0, one with a namespace block one level in
# (four spaces or a tab); a nested type is deeper.
types="$(sources '^\s*public\s' | perl -0777 -ne '
  for my $file (split /\x1e/) {
    my $indent = $file =~ /^namespace\s+[\w.]+\s*;/m ? "" : "(?:    |\t)";
    while ($file =~ /^$indent(?:public)\s+(?:(?:sealed|static|abstract|partial|readonly)\s+)*(?:class|record|enum|struct|interface)\s+(\w+)/mg) {
      print "type $1\n";
    }
  }' | sort -u)"

alias_count="$(grep -c . <<< "$aliases")"
attribute_count="$(git -C "$repo" grep -h -E '^\s*\[CakeMethodAlias\]' "$commit" -- 'src/Cake.Docker/*.cs' | wc -l)"
if [[ "$alias_count" != "$attribute_count" ]]; then
  echo "extract: $attribute_count [CakeMethodAlias] attributes but $alias_count aliases read; fix the pattern" >&2
  exit 1
fi

{
  echo "# Cake.Docker $version, https://github.com/MihaMarkic/Cake.Docker at commit $commit"
  echo "# Written by extract.sh beside this file (git grep over src/Cake.Docker/*.cs); read by Docker/CakeDockerClashTests."
  echo "# alias Name(parameter types after the ICakeContext): $alias_count script aliases"
  echo "# type Name: every public type at namespace level ($(grep -c . <<< "$types"))"
  echo "$aliases"
  echo "$types"
} > "$here/aliases.txt"
echo "extract: wrote $here/aliases.txt ($alias_count aliases)"
