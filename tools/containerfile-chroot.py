#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Builds a Containerfile's image as a folder, without Docker, and runs it, the way a builder
would: each FROM a Debian release becomes a fresh debootstrapped folder (from the mirror this
machine's apt uses), COPY copies from the build context (less what .containerignore or
.dockerignore names) or, with --from, from an earlier stage's folder, RUN runs in the folder
(chroot) as the USER of that point with the ENV and WORKDIR of that point. The last stage is
ROOT, an earlier stage ROOT.NAME (its AS name, or its number). `run` starts the ENTRYPOINT (plus
CMD, or the arguments given) as that user in a network of its own, waits until the HEALTHCHECK
passes, then runs a probe command on this machine in the same network.

  containerfile-chroot.py build --containerfile deploy/Containerfile --context DIR --root ROOT
  containerfile-chroot.py run --root ROOT [--env K=V] [--probe 'CMD ...'] [-- ARGS...]
  containerfile-chroot.py exec --root ROOT [--user USER] -- COMMAND...

Needs root (debootstrap, chroot, mount and network namespaces). Every mount is made in a mount
namespace of its own, and every process started in the folder in a PID namespace of its own, so
nothing is left mounted or running when it returns. Instructions and options it does not know
(ARG, LABEL, VOLUME, SHELL, ONBUILD, COPY --chown, ...) are refused, not ignored.
"""
import argparse
import fnmatch
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

DEBIAN_IMAGES = {  # FROM name -> Debian suite
    'debian:bookworm': 'bookworm', 'debian:bookworm-slim': 'bookworm', 'debian:12': 'bookworm',
    'debian:12-slim': 'bookworm',
}
DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'


def fail(message):
    print('containerfile-chroot: ' + message, file=sys.stderr)
    sys.exit(1)


def parse(path):
    """The instructions of a Containerfile: (keyword, text) with continuations joined."""
    instructions = []
    current = ''
    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if line.lstrip().startswith('#'):
                continue  # a comment, also between continued lines
            if line.endswith('\\'):
                current += line[:-1] + ' '
                continue
            current += line
            if current.strip():
                keyword, _, rest = current.strip().partition(' ')
                instructions.append((keyword.upper(), rest.strip()))
            current = ''
    if current.strip():
        fail(path + ' ends inside a continued line')
    return instructions


def command_of(text):
    """A RUN/CMD/ENTRYPOINT argument: the JSON exec form, or the shell form."""
    if text.startswith('['):
        return json.loads(text)
    return ['/bin/sh', '-c', text]


def host_mirrors():
    """The Debian and security mirrors this machine's apt uses (one-line and deb822 sources)."""
    entries = []  # (uri, suite)
    for path in ['/etc/apt/sources.list'] + sorted(glob.glob('/etc/apt/sources.list.d/*.list')):
        if not os.path.exists(path):
            continue
        for line in open(path, encoding='utf-8'):
            words = [w for w in line.split('#')[0].split()]
            if words and words[0] == 'deb':
                words = [w for w in words[1:] if not (w.startswith('[') or w.endswith(']'))]
                if len(words) >= 2:
                    entries.append((words[0], words[1]))
    for path in sorted(glob.glob('/etc/apt/sources.list.d/*.sources')):
        for paragraph in open(path, encoding='utf-8').read().split('\n\n'):
            fields = {}
            for line in paragraph.splitlines():
                if ':' in line and not line.startswith(('#', ' ')):
                    key, _, value = line.partition(':')
                    fields[key.strip().lower()] = value.split()
            if 'deb' in fields.get('types', []) and fields.get('enabled', ['yes'])[0] != 'no':
                for uri in fields.get('uris', []):
                    for suite in fields.get('suites', []):
                        entries.append((uri, suite))
    return entries


def mirror_for(suite):
    entries = host_mirrors()
    main = next((u for u, s in entries if s == suite), None)
    security = next((u for u, s in entries if s == suite + '-security'), None)
    if not main:
        fail('this machine\'s apt has no source for ' + suite + ' (/etc/apt/sources.list*)')
    return main, security or 'http://deb.debian.org/debian-security'


def make_debian_root(root, suite):
    """FROM debian:SUITE: a fresh minimal Debian, with apt sources as Debian's image has them
    and, as in that image, services never started by package scripts (policy-rc.d)."""
    mirror, security = mirror_for(suite)
    print(f'FROM: debootstrap --variant=minbase {suite} from {mirror}', flush=True)
    log = root + '.debootstrap.log'
    with open(log, 'w') as out:
        if subprocess.run(['debootstrap', '--variant=minbase', suite, root, mirror],
                          stdout=out, stderr=subprocess.STDOUT).returncode != 0:
            fail('debootstrap failed; its log: ' + log)
    sources = os.path.join(root, 'etc/apt/sources.list')
    if os.path.exists(sources):
        os.remove(sources)
    with open(os.path.join(root, 'etc/apt/sources.list.d/debian.sources'), 'w') as f:
        f.write(f'Types: deb\nURIs: {mirror}\nSuites: {suite} {suite}-updates\nComponents: main\n'
                'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n'
                f'Types: deb\nURIs: {security}\nSuites: {suite}-security\nComponents: main\n'
                'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n')
    policy = os.path.join(root, 'usr/sbin/policy-rc.d')
    with open(policy, 'w') as f:
        f.write('#!/bin/sh\nexit 101\n')
    os.chmod(policy, 0o755)


def mount_system(root):
    """Inside our own mount namespace: the folder's /dev and /proc, and name resolution."""
    subprocess.run(['mount', '--make-rprivate', '/'], check=True)
    subprocess.run(['mount', '--rbind', '/dev', os.path.join(root, 'dev')], check=True)
    subprocess.run(['mount', '-t', 'proc', 'proc', os.path.join(root, 'proc')], check=True)
    if os.path.exists('/etc/resolv.conf'):
        shutil.copyfile('/etc/resolv.conf', os.path.join(root, 'etc/resolv.conf'))


def user_ids(root, user):
    """uid, gid and home of USER (a name or uid[:gid]) as the folder's /etc/passwd has them."""
    name, _, group = user.partition(':')
    for line in open(os.path.join(root, 'etc/passwd'), encoding='utf-8'):
        fields = line.rstrip('\n').split(':')
        if fields[0] == name or fields[2] == name:
            gid = fields[3]
            if group:
                gid = group if group.isdigit() else next(
                    l.split(':')[2] for l in open(os.path.join(root, 'etc/group'))
                    if l.split(':')[0] == group)
            return fields[2], gid, fields[5]
    fail(f'USER {user}: no such user in the image')


def in_root(root, state, argv, extra_env=None, **kwargs):
    """Runs argv in the folder as the state's user, with its environment and working folder."""
    uid, gid, home = user_ids(root, state['user'])
    env = {'PATH': DEFAULT_PATH, 'HOME': home}
    env.update(state['env'])
    env.update(extra_env or {})
    return subprocess.Popen(
        ['chroot', f'--userspec={uid}:{gid}', '--groups=' + gid, root, '/usr/bin/env', '-i',
         '-C', state['workdir']] + [f'{k}={v}' for k, v in env.items()] + argv, **kwargs)


def ignored_by(context):
    """A copytree ignore function for the context's .containerignore (or .dockerignore):
    patterns relative to the context, one a line; a folder that matches is left out whole."""
    patterns = []
    for name in ('.containerignore', '.dockerignore'):
        path = os.path.join(context, name)
        if os.path.exists(path):
            patterns = [line.strip().strip('/') for line in open(path, encoding='utf-8')
                        if line.strip() and not line.startswith('#')]
            break
    if any(p.startswith('!') for p in patterns):
        fail('exceptions (!) in the ignore file are not supported')

    def ignore(folder, names):
        relative = os.path.relpath(folder, context)
        return {name for name in names
                if any(fnmatch.fnmatch(os.path.normpath(os.path.join(relative, name)), p)
                       for p in patterns)}
    return ignore


def copy(source, target, dest_is_folder, ignore=None):
    if os.path.isdir(source):
        shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True, symlinks=True)
    else:
        os.makedirs(target if dest_is_folder else os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target)


def build(args):
    root = os.path.abspath(args.root)
    instructions = parse(args.containerfile)
    stages = [text.split() for keyword, text in instructions if keyword == 'FROM']
    # Each stage's folder: the last is ROOT, the others ROOT.NAME (or ROOT.NUMBER).
    folders = {}
    for i, words in enumerate(stages):
        name = words[2] if len(words) == 3 and words[1].upper() == 'AS' else str(i)
        folders[name] = root if i == len(stages) - 1 else f'{root}.{name}'
    for folder in folders.values():
        if os.path.exists(folder) and os.listdir(folder):
            fail(folder + ' is not empty: an image is built in fresh folders')
    ignore = ignored_by(args.context)
    folder = None
    state = None
    stage = -1
    for keyword, text in instructions:
        if keyword == 'FROM':
            stage += 1
            words = text.split()
            folder = list(folders.values())[stage]
            image = words[0].rsplit('/', 1)[-1]
            if image not in DEBIAN_IMAGES:
                fail(f'FROM {text}: only Debian images ({", ".join(DEBIAN_IMAGES)}) are supported')
            os.makedirs(folder, exist_ok=True)
            make_debian_root(folder, DEBIAN_IMAGES[image])
            mount_system(folder)
            state = {'user': 'root', 'env': {}, 'workdir': '/', 'entrypoint': [], 'cmd': [],
                     'healthcheck': None, 'expose': []}
        elif state is None:
            fail(f'{keyword} before FROM')
        elif keyword == 'COPY':
            words = shlex.split(text)
            source_root, source_ignore = args.context, ignore
            while words[0].startswith('--'):
                option = words.pop(0)
                if not option.startswith('--from=') or option[7:] not in folders:
                    fail(f'COPY {option}: only --from= an earlier stage is supported')
                source_root, source_ignore = folders[option[7:]], None
            *sources, dest = words
            print(f'COPY {text}', flush=True)
            for source in sources:
                copy(os.path.join(source_root, source.lstrip('/')),
                     os.path.join(folder, dest.lstrip('/')), dest.endswith('/'), source_ignore)
        elif keyword == 'RUN':
            print(f'RUN {text[:100]}{"..." if len(text) > 100 else ""}', flush=True)
            if in_root(folder, state, command_of(text)).wait() != 0:
                fail('RUN failed: ' + text)
        elif keyword == 'USER':
            state['user'] = text
        elif keyword == 'WORKDIR':
            state['workdir'] = os.path.join(state['workdir'], text)
            os.makedirs(os.path.join(folder, state['workdir'].lstrip('/')), exist_ok=True)
        elif keyword == 'ENV':
            for word in shlex.split(text):
                key, _, value = word.partition('=')
                state['env'][key] = value
        elif keyword == 'EXPOSE':
            state['expose'] += [int(p.split('/')[0]) for p in text.split()]
        elif keyword == 'HEALTHCHECK':
            words = text.split(' CMD ', 1)
            options = dict(w.lstrip('-').split('=', 1) for w in words[0].split() if '=' in w)
            state['healthcheck'] = {'cmd': command_of(words[1].strip()), 'options': options}
        elif keyword == 'ENTRYPOINT':
            state['entrypoint'] = command_of(text)
        elif keyword == 'CMD':
            state['cmd'] = command_of(text)
        else:
            fail(f'{keyword} is not supported by this runner')
    with open(root + '.json', 'w') as f:
        json.dump(state, f, indent=2)
    print(f'built {root} (its settings: {root}.json)', flush=True)


def seconds(text, default):
    if not text:
        return default
    return float(text[:-1]) * {'s': 1, 'm': 60, 'h': 3600}[text[-1]] if text[-1] in 'smh' \
        else float(text)


def run(args):
    root = os.path.abspath(args.root)
    state = json.load(open(root + '.json'))
    subprocess.run(['ip', 'link', 'set', 'lo', 'up'], check=True)
    mount_system(root)
    command = state['entrypoint'] + (args.args or state['cmd'])
    print('run as ' + state['user'] + ': ' + shlex.join(command), flush=True)
    log = open(root + '.log', 'w')
    extra_env = dict(e.split('=', 1) for e in args.env)
    program = in_root(root, state, command, extra_env, stdout=log, stderr=subprocess.STDOUT)

    health = state['healthcheck']
    if health:
        options = health['options']
        deadline = time.monotonic() + seconds(options.get('start-period'), 0) + \
            seconds(options.get('interval'), 30) * int(options.get('retries', 3))
        while True:
            if program.poll() is not None:
                print(open(root + '.log').read(), end='')
                fail(f'the program exited ({program.returncode}) before it was healthy')
            check = in_root(root, state, health['cmd'], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
            try:
                if check.wait(timeout=seconds(options.get('timeout'), 30)) == 0:
                    print('HEALTHCHECK passes', flush=True)
                    break
            except subprocess.TimeoutExpired:
                check.kill()
            if time.monotonic() > deadline:
                print(open(root + '.log').read(), end='')
                fail('the HEALTHCHECK never passed')
            time.sleep(0.5)

    status = 0
    if args.probe:
        port = str((state['expose'] or [0])[0])
        status = subprocess.run(shlex.split(args.probe.replace('{port}', port))).returncode
    program.terminate()
    try:
        program.wait(timeout=20)
    except subprocess.TimeoutExpired:
        program.kill()
        program.wait()
    log.close()
    if status != 0 or args.verbose:
        print('--- the program\'s output ---\n' + open(root + '.log').read(), end='')
    sys.exit(status)


def exec_in(args):
    root = os.path.abspath(args.root)
    state = json.load(open(root + '.json'))
    mount_system(root)
    state = dict(state, user=args.user or 'root', workdir='/')
    sys.exit(in_root(root, state, args.command).wait())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--inside', action='store_true', help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest='action', required=True)
    b = sub.add_parser('build', help='build the image into a fresh folder')
    b.add_argument('--containerfile', required=True)
    b.add_argument('--context', required=True)
    b.add_argument('--root', required=True, help='the folder (made; must be new or empty)')
    r = sub.add_parser('run', help='start the image built in ROOT, probe it, stop it')
    r.add_argument('--root', required=True)
    r.add_argument('--env', action='append', default=[], metavar='KEY=VALUE',
                   help='set in the program\'s environment (podman run -e)')
    r.add_argument('--probe', help='a command run on this machine in the image\'s network once '
                   'it is healthy ({port} is the first EXPOSEd port); its status is ours')
    r.add_argument('--verbose', action='store_true', help='print the program\'s output')
    r.add_argument('args', nargs='*', help='arguments instead of CMD (after --)')
    e = sub.add_parser('exec', help='run a command in the image built in ROOT (root by default)')
    e.add_argument('--root', required=True)
    e.add_argument('--user', help='the user (default root)')
    e.add_argument('command', nargs='+')
    args = parser.parse_args()
    if os.geteuid() != 0:
        fail('needs root (debootstrap, chroot, namespaces)')
    if not args.inside:
        # Again, in namespaces of our own: mounts vanish and processes end with it.
        namespaces = ['--mount', '--pid', '--fork', '--kill-child']
        if args.action == 'run':
            namespaces.append('--net')
        sys.exit(subprocess.run(['unshare'] + namespaces + [sys.executable, __file__, '--inside']
                                + sys.argv[1:]).returncode)
    {'build': build, 'run': run, 'exec': exec_in}[args.action](args)


if __name__ == '__main__':
    main()
