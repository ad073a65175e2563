# What the last build of the runnable jars was made from, so that ./scripts/run builds only when a source
# changed. Sourced by scripts/run; scripts/test-build-stamp tests it (part of ./mvnw verify).
#
# The sources' state is a git tree id of their contents as they are on disk: tracked and untracked files
# (not ignored ones), hashed by git into a private copy of its index. Contents, not file times: a file edited
# twice between two starts, or given back its old time, still counts as changed. Files that no runnable jar
# is built from do not count: the end-to-end tests, CI, these scripts, Markdown.

cardsync_build_excludes=(e2e .ci scripts '*.md')

# Prints the tree id of the sources in the current directory (the top of a git work tree); fails without git.
# Git's own index is left as it was; the blobs and trees it writes are unreferenced objects that git gc removes.
cardsync_source_tree() {
  local real_index work status=0
  real_index="$(git rev-parse --git-path index 2>/dev/null)" || return 1
  work="$(mktemp -d "${TMPDIR:-/tmp}/cardsync-stamp.XXXXXX")" || return 1
  # Start from git's index (times preserved, for git's own check of files changed within the same second):
  # files whose size and times match their entry are not read again, every other one is hashed.
  if [ -f "$real_index" ]; then cp -p "$real_index" "$work/index" || status=1; fi
  local excludes=() path
  for path in "${cardsync_build_excludes[@]}"; do excludes+=(":(exclude)$path"); done
  [ "$status" = 0 ] \
    && GIT_INDEX_FILE="$work/index" git add -A -- . "${excludes[@]}" \
    && GIT_INDEX_FILE="$work/index" git rm -r -f -q --cached --ignore-unmatch -- "${cardsync_build_excludes[@]}" \
    && GIT_INDEX_FILE="$work/index" git write-tree \
    || status=1
  rm -rf "$work"
  return "$status"
}

# Succeeds when a build is needed: TREE is empty (no git), the stamp or one of the FILES (the jars) is
# missing, or the stamp holds another tree than TREE.
#   cardsync_build_needed STAMP TREE FILE...
cardsync_build_needed() {
  local stamp="$1" tree="$2" file
  shift 2
  [ -n "$tree" ] && [ -f "$stamp" ] || return 0
  for file in "$@"; do [ -f "$file" ] || return 0; done
  [ "$(cat "$stamp")" != "$tree" ]
}

# Records that the jars were built from TREE, the state taken before the build started (so that a file edited
# during the build counts as changed). Without a TREE, the stamp is removed: the next start builds again.
#   cardsync_record_build STAMP TREE
cardsync_record_build() {
  local stamp="$1" tree="$2"
  if [ -n "$tree" ]; then
    mkdir -p "$(dirname "$stamp")" && printf '%s\n' "$tree" > "$stamp"
  else
    rm -f "$stamp"
  fi
}
