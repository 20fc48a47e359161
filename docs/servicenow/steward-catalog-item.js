// Steward: RunScript steps for the "New server" catalog item (ServiceNow Workflow / Flow Designer "Run Script").
// Three steps, each pasted into its own activity:
//   1. QUOTE   before approval: asks Steward for the monthly price and puts it on the request for the approver.
//   2. BUILD   after approval: asks Steward to build the server; safe to retry (the RITM number is the idempotency key).
//   3. STATUS  a timer loop after BUILD: reads the server's state until it is running, and records id and IP.
// The credential is a basic auth profile (table sys_auth_profile_basic, "Basic Auth Configurations") named "Steward API",
// never a key written in a script. The endpoint is the stack's ApiUrl output (sam deploy prints it).

var STEWARD_ENDPOINT = 'https://<api-id>.execute-api.us-east-1.amazonaws.com/dev';
var STEWARD_CREDENTIAL = 'Steward API';

// setAuthenticationProfile takes the profile record's sys_id, so find it by its name once.
function stewardProfileId() {
    var profile = new GlideRecord('sys_auth_profile_basic');
    if (!profile.get('name', STEWARD_CREDENTIAL)) throw new Error('No basic auth profile named "' + STEWARD_CREDENTIAL + '": create it with the Steward user and key');
    return profile.getUniqueValue();
}

function stewardRequest(method, path, body) {
    var request = new sn_ws.RESTMessageV2();
    request.setEndpoint(STEWARD_ENDPOINT + path);
    request.setHttpMethod(method);
    request.setAuthenticationProfile('basic', stewardProfileId());
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Content-Type', 'application/json');
    request.setRequestHeader('X-ServiceNow-Request', String(current.number));
    request.setHttpTimeout(30000);
    if (body) request.setRequestBody(JSON.stringify(body));
    var response = request.execute();
    var status = response.getStatusCode();
    var text = response.getBody();
    var parsed = {};
    try { parsed = JSON.parse(text); } catch (e) { parsed = { title: 'Steward answered something that is not JSON', detail: text }; }
    return { status: status, body: parsed };
}

// The catalog item's variables, as Steward's fields. Unset variables are left out (Steward applies the template's
// defaults and tags them, e.g. CostCenter=unallocated), never sent as the literal '${name}'.
function stewardFields() {
    var v = current.variables;
    var fields = {
        request_number: String(current.number),
        os: String(v.os),
        inst_size: String(v.inst_size),
        volume_size: String(v.volume_size1),
        cost_center: String(v.cost_center),
        owner: String(current.requested_for.email || current.requested_for.user_name),
        application: String(v.application),
        environment: String(v.environment),
        lease_days: String(v.lease_days),
        approval_reference: String(v.approval_reference)
    };
    for (var k in fields) if (!fields[k] || fields[k] === 'undefined' || fields[k] === 'null') delete fields[k];
    return fields;
}

// A problem answer (application/problem+json) in words an agent can act on, field by field.
function stewardProblem(answer) {
    var b = answer.body || {};
    var lines = ['Steward answered ' + answer.status + ': ' + (b.title || '') + '. ' + (b.detail || '')];
    if (b.errors) for (var field in b.errors) lines.push(' - ' + field + ': ' + b.errors[field]);
    return lines.join('\n');
}

// ---- 1. QUOTE (before the approval activity) ------------------------------------------------------------------------
(function quote() {
    var answer = stewardRequest('POST', '/instances/quote', stewardFields());
    if (answer.status != 200) {
        current.work_notes = stewardProblem(answer);
        workflow.scratchpad.steward_ok = false;
        return;
    }
    var q = answer.body.quote;
    current.work_notes = 'Steward quote: ' + q.monthlyTotal + ' ' + q.currency + ' a month (' + answer.body.instanceType +
        ', ' + answer.body.volumeGiB + ' GiB; prices ' + q.priceRegion + ' as of ' + q.priceDate + ').' +
        (answer.body.needsApproval ? ' Over the monthly ceiling of ' + answer.body.monthlyCeiling + ': needs an approval reference.' : '');
    workflow.scratchpad.steward_ok = true;
    workflow.scratchpad.steward_monthly = q.monthlyTotal;
})();

// ---- 2. BUILD (after approval) ---------------------------------------------------------------------------------------
(function build() {
    for (var attempt = 1; attempt <= 3; attempt++) {
        var answer = stewardRequest('POST', '/instances', stewardFields());
        if (answer.status == 202 || answer.status == 200) {
            current.work_notes = 'Steward is building ' + answer.body.instanceId + ' for ' + answer.body.requestNumber + '.';
            workflow.scratchpad.steward_instance = answer.body.instanceId;
            return;
        }
        // 409 "Already being built" and 503 are worth waiting for; everything else needs a person.
        var retryable = answer.status == 503 || (answer.status == 409 && answer.body.title == 'Already being built');
        if (!retryable) break;
        gs.sleep(attempt * 10000);
    }
    current.work_notes = stewardProblem(answer);
    workflow.scratchpad.steward_instance = '';
})();

// ---- 3. STATUS (in a timer loop after BUILD, e.g. every minute, at most 15 times) -------------------------------------
(function status() {
    var answer = stewardRequest('GET', '/instances/' + encodeURIComponent(String(current.number)));
    if (answer.status != 200) {
        current.work_notes = stewardProblem(answer);
        workflow.scratchpad.steward_state = 'error';
        return;
    }
    workflow.scratchpad.steward_state = answer.body.state;
    if (answer.body.state == 'running') {
        current.work_notes = 'Server ' + answer.body.instanceId + ' is running at ' + answer.body.privateIp +
            '. Monthly quote ' + answer.body.monthlyQuote + '; lease ends ' + answer.body.leaseEnds + '.';
    }
})();
