#!/usr/bin/env bash
# The cost of a change for a pull request: every CloudFormation/SAM template the change touches, priced against its version
# at BASE_REF, printed as one markdown comment. Prints nothing when nothing priced changed. Used by the GitHub workflow
# (.github/workflows/cost-diff.yml), the GitLab job and a plain shell alike (docs/cost-diff/).
#
#   tools/Steward.Cost/cost-diff.sh BASE_REF [steward-cost options, e.g. --usage-file usage.yml --fail-above 500]
#
# STEWARD_COST names the command that runs steward-cost (default: dotnet run on this repository's project; a CI that
# installed the tool sets STEWARD_COST=steward-cost). Exit status: steward-cost's (1 when a --fail-above limit is crossed).
set -euo pipefail
base_ref=${1:?usage: cost-diff.sh BASE_REF [steward-cost options]}
shift
read -r -a cost <<<"${STEWARD_COST:-dotnet run --project tools/Steward.Cost -c Release --}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'Resources: {}\n' >"$work/none.yaml"

status=0
# Templates the change adds, modifies or deletes (renames count as a delete and an add).
git diff --name-only --no-renames "$base_ref" -- '*.yaml' '*.yml' '*.json' '*.template' >"$work/files"
while IFS= read -r file; do
  head="$file"
  [ -f "$file" ] || head="$work/none.yaml"
  base="$work/base.$(basename "$file")"
  git show "$base_ref:$file" >"$base" 2>/dev/null || base=""
  # Only templates: other YAML and JSON (workflows, usage files, package manifests) are left alone.
  is_template() { [ -n "$1" ] && grep -qE '^Resources:|"Resources"[[:space:]]*:' "$1"; }
  is_template "$head" || is_template "$base" || continue
  args=(diff --head "$head" --format markdown --skip-unchanged)
  [ -n "$base" ] && args+=(--base "$base")
  rc=0
  "${cost[@]}" "${args[@]}" "$@" >"$work/one.md" || rc=$?
  [ "$rc" -gt "$status" ] && status=$rc
  # Name the template by its path in the repository, not the temporary copy.
  sed -e "s#\`$work/none.yaml\`#\`$file\` (deleted)#" "$work/one.md" >>"$work/comment.md"
done <"$work/files"

# One comment: the marker the poster finds it by, once.
[ -s "$work/comment.md" ] && awk '!/<!-- steward-cost comment -->/ || !seen++' "$work/comment.md"
exit "$status"
