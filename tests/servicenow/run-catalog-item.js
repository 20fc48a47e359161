// Runs docs/servicenow/steward-catalog-item.js as ServiceNow would, against a Steward endpoint, so the documented script
// is tested rather than trusted. Only the ServiceNow APIs the script uses are stood in for: RESTMessageV2 (a real HTTP
// call, made with curl so it stays synchronous as in ServiceNow), GlideRecord for the basic auth profile, current,
// workflow.scratchpad and gs. Prints {"scratchpad": …, "work_notes": [...]} as JSON.
// Usage: STEWARD_URL=http://127.0.0.1:3000 STEWARD_USER=u STEWARD_KEY=k node run-catalog-item.js '{"number":"RITM…","variables":{…}}'
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const endpoint = process.env.STEWARD_URL;
const profile = { name: 'Steward API', sys_id: 'a1b2c3', user: process.env.STEWARD_USER, key: process.env.STEWARD_KEY };
const request = JSON.parse(process.argv[2]);
const notes = [];

class RESTMessageV2 {
  constructor() { this.headers = {}; this.body = null; }
  setEndpoint(url) { this.url = url; }
  setHttpMethod(method) { this.method = method.toUpperCase(); }
  setAuthenticationProfile(type, sysId) {
    if (type !== 'basic' || sysId !== profile.sys_id) throw new Error(`no ${type} profile with sys_id ${sysId}`);
    this.auth = `${profile.user}:${profile.key}`;
  }
  setBasicAuth(user, key) { this.auth = `${user}:${key}`; }
  setRequestHeader(name, value) { this.headers[name] = value; }
  setHttpTimeout(ms) { this.timeout = ms; }
  setRequestBody(body) { this.body = body; }
  execute() {
    const args = ['-s', '-X', this.method, '-o', '-', '-w', '\n%{http_code}', '--max-time', String((this.timeout || 60000) / 1000)];
    if (this.auth) args.push('-u', this.auth);
    for (const [k, v] of Object.entries(this.headers)) args.push('-H', `${k}: ${v}`);
    if (this.body !== null) args.push('--data-binary', this.body);
    args.push(this.url);
    const out = execFileSync('curl', args, { encoding: 'utf8' });
    const cut = out.lastIndexOf('\n');
    const body = out.slice(0, cut), status = Number(out.slice(cut + 1));
    return { getStatusCode: () => status, getBody: () => body };
  }
}

class GlideRecord {
  constructor(table) { this.table = table; }
  get(field, value) { return this.table === 'sys_auth_profile_basic' && field === 'name' && value === profile.name; }
  getUniqueValue() { return profile.sys_id; }
}

const current = {
  number: request.number,
  variables: request.variables,
  requested_for: request.requested_for || { email: 'requester@example.com' },
  set work_notes(note) { notes.push(note); },
  get work_notes() { return notes.join('\n'); },
};
const workflow = { scratchpad: {} };
const gs = { sleep() {} };
const sn_ws = { RESTMessageV2 };

const script = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'servicenow', 'steward-catalog-item.js'), 'utf8')
  .replace(/var STEWARD_ENDPOINT = '[^']*';/, `var STEWARD_ENDPOINT = ${JSON.stringify(endpoint)};`);
new Function('sn_ws', 'GlideRecord', 'current', 'workflow', 'gs', script)(sn_ws, GlideRecord, current, workflow, gs);
process.stdout.write(JSON.stringify({ scratchpad: workflow.scratchpad, work_notes: notes }));
