#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The deployment examples agree with the image they run (deploy/Containerfile, which the
deb-chroot test builds and starts): Kubernetes and compose reach the port it EXPOSEs, run as
its user, keep the user's home, give the password through the environment (never the command
line, where other users see it), and every Service and Ingress backend leads to a session."""
import importlib.util
import os
import re
import sys

import yaml

src = sys.argv[1]
spec = importlib.util.spec_from_file_location(
    'containerfile_chroot', os.path.join(src, 'tools', 'containerfile-chroot.py'))
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


# What the image is: its port, user (name, uid, home) and runtime folder.
image = runner.parse(os.path.join(src, 'deploy', 'Containerfile'))
port = next(int(text.split()[0]) for keyword, text in image if keyword == 'EXPOSE')
user = next(text for keyword, text in image if keyword == 'USER')
useradd = next(text for keyword, text in image if keyword == 'RUN' and 'useradd' in text)
uid = int(re.search(r'--uid (\d+)', useradd).group(1))
home = '/home/' + user
envs = ' '.join(text for keyword, text in image if keyword == 'ENV')
check('XDG_RUNTIME_DIR=' in envs, 'the image sets no XDG_RUNTIME_DIR')
entrypoint = next(runner.command_of(text) for keyword, text in image if keyword == 'ENTRYPOINT')
check(f'0.0.0.0:{port}' in entrypoint, f'the ENTRYPOINT does not listen on port {port}')
# Off loopback without TLS webdesk refuses to start unless told something in front serves it.
check('--behind-proxy' in entrypoint, 'the ENTRYPOINT lacks --behind-proxy: webdesk refuses '
      'plain http on 0.0.0.0 without it')

# Kubernetes: a StatefulSet of sessions, a Service per session, an Ingress.
docs = [d for d in yaml.safe_load_all(open(os.path.join(src, 'deploy', 'kubernetes.yaml'))) if d]
kinds = {}
for d in docs:
    kinds.setdefault(d['kind'], []).append(d)
statefulset = kinds['StatefulSet'][0]
pod = statefulset['spec']['template']['spec']
container = pod['containers'][0]
check(any(p['containerPort'] == port for p in container['ports']),
      f'kubernetes.yaml: the container does not expose port {port}')
check(pod['securityContext']['runAsUser'] == uid,
      f'kubernetes.yaml: runAsUser is not the image user\'s uid {uid}')
check(any(m['mountPath'] == home for m in container['volumeMounts']),
      f'kubernetes.yaml: no volume keeps {home}')
command = ' '.join(container.get('command', []) + container.get('args', []))
check('--password' not in command and 'WEBDESK_PASSWORD=' in command,
      'kubernetes.yaml: the password must come through WEBDESK_PASSWORD, not --password')
check(f'0.0.0.0:{port}' in command, f'kubernetes.yaml: webdesk does not listen on port {port}')
named_ports = {p['name'] for p in container['ports']}
pods = {f'{statefulset["metadata"]["name"]}-{i}' for i in range(statefulset['spec']['replicas'])}
services = {s['metadata']['name']: s for s in kinds['Service']}
session_services = set()
for name, service in services.items():
    for p in service['spec']['ports']:
        check(p['targetPort'] in named_ports or p['targetPort'] == port,
              f'kubernetes.yaml: Service {name} targets {p["targetPort"]}, not the container')
    selected = service['spec']['selector'].get('statefulset.kubernetes.io/pod-name')
    if selected:
        check(selected in pods, f'kubernetes.yaml: Service {name} selects {selected}, no such pod')
        session_services.add(name)
check(len(session_services) == len(pods),
      f'kubernetes.yaml: {len(pods)} sessions but {len(session_services)} Services for them')
ingress = kinds['Ingress'][0]
annotations = ingress['metadata']['annotations']
for timeout in ('proxy-read-timeout', 'proxy-send-timeout'):
    value = int(annotations.get('nginx.ingress.kubernetes.io/' + timeout, 60))
    check(value >= 3600, f'kubernetes.yaml: {timeout} {value} s cuts a quiet WebSocket off')
check(annotations.get('nginx.ingress.kubernetes.io/proxy-buffering') == 'off',
      'kubernetes.yaml: proxy buffering adds latency to frames')
check(ingress['spec'].get('tls'), 'kubernetes.yaml: the Ingress has no TLS (browsers need it)')
backends = [path['backend']['service']['name'] for rule in ingress['spec']['rules']
            for path in rule['http']['paths']]
check(sorted(backends) == sorted(session_services),
      f'kubernetes.yaml: the Ingress leads to {sorted(backends)}, the sessions are '
      f'{sorted(session_services)}')

# Each session answers to its Ingress host (else 403: the Host is not one of its names) with
# the pod's name for $HOSTNAME, and the Ingress serves that host to its pod.
check('--behind-proxy' in command, 'kubernetes.yaml: webdesk lacks --behind-proxy')
names = re.search(r'--server-names[= ]"?([^"\s]+)', command)
check(names, 'kubernetes.yaml: webdesk has no --server-names for the Ingress hosts')
host_to_service = {rule['host']: path['backend']['service']['name']
                   for rule in ingress['spec']['rules'] for path in rule['http']['paths']}
tls_hosts = {h for t in ingress['spec'].get('tls') or [] for h in t.get('hosts', [])}
for pod_name in sorted(pods):
    name = names.group(1).replace('$HOSTNAME', pod_name) if names else ''
    service = services.get(host_to_service.get(name, ''), {})
    check(service.get('spec', {}).get('selector', {}).get('statefulset.kubernetes.io/pod-name')
          == pod_name, f'kubernetes.yaml: {pod_name} answers to {name!r}, but the Ingress '
          'does not lead that host to it')
    check(name in tls_hosts, f'kubernetes.yaml: {name!r} is not in the Ingress TLS hosts')

# docker compose: each service runs the image, reaches its port, keeps the home.
compose = yaml.safe_load(open(os.path.join(src, 'deploy', 'compose.yaml')))
for name, service in compose['services'].items():
    check(any(str(p).endswith(f':{port}') for p in service['ports']),
          f'compose.yaml: {name} does not publish port {port}')
    check('WEBDESK_PASSWORD' in service['environment'],
          f'compose.yaml: {name} has no WEBDESK_PASSWORD')
    check(any(v.endswith(':' + home) for v in service['volumes']),
          f'compose.yaml: {name} does not keep {home}')
    check(service['image'] == 'webdesk', f'compose.yaml: {name} runs {service["image"]}')
    arguments = service.get('command', [])
    check('--server-names' in arguments[:arguments.index('--') if '--' in arguments else None],
          f'compose.yaml: {name} names no --server-names for the proxy in front')

for failure in failures:
    print(failure)
if failures:
    sys.exit(1)
print(f'deploy examples: port {port}, user {user} ({uid}), {len(pods)} Kubernetes sessions, '
      f'{len(compose["services"])} compose sessions agree with deploy/Containerfile')
