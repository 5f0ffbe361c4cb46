# A private sshd on 127.0.0.1 for the SSH e2e scripts. Sourced; expects $TMP and fail(), sets
# SSHD_PID (the caller's cleanup kills it), PORT and SSH (the client command, key login).
# shellcheck shell=bash

SSHD_BIN=/usr/sbin/sshd
CREATED_POLICY=${CREATED_POLICY:-}

# Installs openssh-server when sshd is missing (root only; never skipped: fails otherwise).
sshd_ensure_installed() {
  [ -x $SSHD_BIN ] && command -v ssh >/dev/null && return 0
  [ "$(id -u)" = 0 ] || fail "sshd is missing and installing openssh-server needs root (apt-get install openssh-server)"
  # As in Docker images: the package must not start a system sshd on port 22 while it installs.
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; CREATED_POLICY=1; fi
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server openssh-client \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server openssh-client; }
  } </dev/null >"$TMP/apt.log" 2>&1 || { cat "$TMP/apt.log"; fail "could not install openssh-server"; }
  [ -x $SSHD_BIN ] || fail "openssh-server installed no $SSHD_BIN"
  [ -z "$CREATED_POLICY" ] || { rm -f /usr/sbin/policy-rc.d; CREATED_POLICY=""; }
}

# sshd_start EXTRA_CONFIG USER...: one client key for all USERs; EXTRA_CONFIG is appended to the
# config. Returns once a key login works (any status but ssh's own 255: a ForceCommand may fail).
sshd_start() {
  local extra=$1; shift
  local D=$TMP/sshd
  mkdir -p "$D/keys"
  [ "$(id -u)" != 0 ] || { mkdir -p /run/sshd; chmod 0755 /run/sshd; }   # privilege separation directory
  [ -e "$D/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$D/host_ed25519"
  [ -e "$D/client" ] || ssh-keygen -q -t ed25519 -N '' -f "$D/client"
  for u in "$@"; do cp "$D/client.pub" "$D/keys/$u"; chmod 0644 "$D/keys/$u"; done
  local opts="-F /dev/null -i $D/client -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=$D/known_hosts -o LogLevel=ERROR -o SendEnv=LANG"
  local up=0 attempt rc
  for attempt in 1 2 3; do
    PORT=$(( 20000 + RANDOM % 40000 ))
    cat >"$D/sshd_config" <<CFG
Port $PORT
ListenAddress 127.0.0.1
HostKey $D/host_ed25519
PidFile $D/sshd.pid
AuthorizedKeysFile $D/keys/%u
AllowUsers $*
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
AcceptEnv LANG LC_*
$extra
CFG
    $SSHD_BIN -t -f "$D/sshd_config" || fail "sshd rejects its config"
    $SSHD_BIN -D -f "$D/sshd_config" -E "$D/sshd.log" &
    SSHD_PID=$!
    for _ in $(seq 100); do
      rc=0; ssh $opts -p $PORT -n "$1@127.0.0.1" true >/dev/null 2>&1 || rc=$?
      if [ $rc != 255 ]; then up=1; break; fi
      kill -0 "$SSHD_PID" 2>/dev/null || break
      sleep 0.1
    done
    [ $up = 1 ] && break
    kill "$SSHD_PID" 2>/dev/null || true; wait "$SSHD_PID" 2>/dev/null || true; SSHD_PID=""
  done
  [ $up = 1 ] || { cat "$D/sshd.log"; fail "sshd did not accept a key login"; }
  SSH="ssh $opts -p $PORT"
}
