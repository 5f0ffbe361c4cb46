# Helpers to drive the console in a private tmux server, as a person would: type keys, then
# poll the screen (capture-pane) until the expected text appears, with a timeout. Sourced by the
# console e2e scripts; expects $TMP (a scratch dir) to be set, and sets $T (the tmux command).
# shellcheck shell=bash

SOCK=$TMP/tmux.sock
T="tmux -S $SOCK -f /dev/null"

screen() { $T capture-pane -p -t "$1"; }
fail() {
  echo "FAIL: $*"
  echo "--- screen of ${S:-main} ---"
  screen "${S:-main}" 2>/dev/null || true
  exit 1
}
# wait_for SESSION TEXT [SECONDS]: polls every 20 ms until TEXT is on screen.
wait_for() {
  local s=$1 text=$2 limit=${3:-5}
  local deadline=$(( $(date +%s%N) + limit * 1000000000 ))
  while [ "$(date +%s%N)" -lt $deadline ]; do
    screen "$s" | grep -qF -- "$text" && return 0
    sleep 0.02
  done
  S=$s fail "'$text' not on screen after ${limit}s"
}
# wait_gone SESSION TEXT [SECONDS]
wait_gone() {
  local s=$1 text=$2 limit=${3:-5}
  local deadline=$(( $(date +%s%N) + limit * 1000000000 ))
  while [ "$(date +%s%N)" -lt $deadline ]; do
    screen "$s" | grep -qF -- "$text" || return 0
    sleep 0.02
  done
  S=$s fail "'$text' still on screen after ${limit}s"
}
# wait_row SESSION ROW TEXT [SECONDS]: TEXT on screen row ROW (1-based).
wait_row() {
  local s=$1 row=$2 text=$3 limit=${4:-5}
  local deadline=$(( $(date +%s%N) + limit * 1000000000 ))
  while [ "$(date +%s%N)" -lt $deadline ]; do
    screen "$s" | sed -n "${row}p" | grep -qF -- "$text" && return 0
    sleep 0.02
  done
  S=$s fail "'$text' not on row $row after ${limit}s"
}
keys() { local s=$1; shift; $T send-keys -t "$s" "$@"; }
text() { $T send-keys -t "$1" -l "$2"; }
alternate_on() { $T display -p -t "$1" '#{alternate_on}'; }

# new_shell SESSION WIDTH HEIGHT: a plain shell in a detached session, ready for commands.
new_shell() {
  $T new-session -d -s "$1" -x "$2" -y "$3" "env LANG=C.UTF-8 LC_ALL= bash --norc --noprofile"
  $T set -t "$1" status off
  keys "$1" "export XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state XDG_CONFIG_HOME=$TMP/config PS1='e2e\$ '; clear" Enter
  wait_for "$1" 'e2e$'
}
# run_console SESSION ARGS...: starts the console in SESSION's shell, printing EXIT=status after.
run_console() {
  local s=$1; shift
  keys "$s" "clear; $* ; echo EXIT=\$?" Enter
}
