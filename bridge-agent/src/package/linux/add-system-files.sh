#!/bin/sh
# Adds the agent's files outside /opt/cardsync-agent to the .deb that jpackage made (jpackage installs only under
# its --install-dir): the XDG autostart entry (a conffile: an administrator who edits or deletes it keeps that on
# upgrades), the systemd user unit, and /usr/bin/cardsync-agent, a link to the launcher. As package files dpkg
# lists them (dpkg -S), refuses to overwrite another package's file of the same name, and removes them itself;
# no maintainer script writes or deletes anything outside the package.
# Usage: add-system-files.sh JPACKAGE_DIR SHARE_DIR (the directory holding the .deb; the entry and the unit)
set -eu

dir=$1
share=$2
deb=$(find "$dir" -maxdepth 1 -name 'cardsync-agent_*.deb')
[ -n "$deb" ] && [ -f "$deb" ] || { echo "add-system-files: no single cardsync-agent .deb in $dir" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root

dpkg-deb -R "$deb" "$root"
install -D -m 0644 "$share/cardsync-agent.desktop" "$root/etc/xdg/autostart/cardsync-agent.desktop"
install -D -m 0644 "$share/cardsync-agent.service" "$root/usr/lib/systemd/user/cardsync-agent.service"
install -d -m 0755 "$root/usr/bin"
ln -s /opt/cardsync-agent/bin/cardsync-agent "$root/usr/bin/cardsync-agent"
echo /etc/xdg/autostart/cardsync-agent.desktop >> "$root/DEBIAN/conffiles"
chmod 0644 "$root/DEBIAN/conffiles"
# jpackage counted only its own files; the added ones are a few kB: Installed-Size (KiB) stays within rounding

# --root-owner-group: root:root as jpackage's own fakeroot build gives, without root here; gzip as jpackage's run
dpkg-deb --root-owner-group -Zgzip -b "$root" "$work/cardsync-agent.deb" >/dev/null
mv "$work/cardsync-agent.deb" "$deb"
