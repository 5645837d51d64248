import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody, createAppealsDesk, type AppealsDesk } from '../../../../test/factories';
import { client, startTestApp, TEST_START, type TestEnv } from '../../../../test/harness';
import { consumeRateLimit } from '../../../core/rateLimit';
import { expectValid, expectXmlParity, timestamps, xmlParser, type Resource } from './conformance';

const BASE = '/open311/v2';
const API_KEY = 'test-open311-key';
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const DAY_MS = 86_400_000;
/** What the citizen gives about themselves; no GET may ever show any of it. */
const IDENTITY = ['刘建国', '建国', '13812341234', 'liu.jianguo@example.cn', '13912345678'];

let env: TestEnv;
let desk: AppealsDesk;
const getBodies: string[] = [];

beforeAll(async () => {
  env = await startTestApp();
  desk = await createAppealsDesk(env.ctx, env.app);
});
afterAll(() => env.close());

async function get(path: string) {
  const response = await env.app.inject({ method: 'GET', url: `${BASE}/${path}` });
  getBodies.push(response.body);
  return response;
}

/** Fetches a resource as JSON and as XML, validates the JSON and checks the XML says the same. */
async function fetchBoth(resource: string, root: Resource, query = '', status = 200) {
  const [json, xml] = await Promise.all([get(`${resource}.json${query}`), get(`${resource}.xml${query}`)]);
  expect([json.statusCode, xml.statusCode]).toEqual([status, status]);
  expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
  const body = json.json();
  expectValid(status === 200 ? root : 'errors', body);
  expectXmlParity(status === 200 ? root : 'errors', body, xml.body);
  return body;
}

/** Keys as the spec's example writes them (brackets unencoded), values percent-encoded UTF-8. */
const formBody = (fields: [string, string][]) => fields.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');

function post(path: string, payload: string | object, options: Partial<InjectOptions> = {}) {
  const headers = typeof payload === 'string' ? { 'content-type': FORM } : {};
  return env.app.inject({ method: 'POST', url: `${BASE}/${path}`, payload, headers, ...options });
}

const fmsReport = (serviceCode: string): [string, string][] => [
  ['api_key', API_KEY],
  ['email', 'liu.jianguo@example.cn'],
  ['description', '幸福路东口的井盖松动，车辆经过时响声很大。有事请打 13912345678'],
  ['service_code', serviceCode],
  ['first_name', '建国'],
  ['last_name', '刘'],
  ['phone', '+86 138 1234 1234'],
  ['lat', '39.9087'],
  ['long', '116.3975'],
  ['media_url', 'https://fms.example.org/photo/42.jpeg'],
  ['attribute[report_url]', 'https://fms.example.org/report/42'],
  ['attribute[hazard][]', '车辆'],
  ['attribute[hazard][]', '行人'],
];

/** Files a report as FixMyStreet does and takes the first request's service_request_id from the XML. */
async function fileReport() {
  const response = await post('requests.xml', formBody(fmsReport(desk.categoryCode)));
  expect(response.statusCode, response.body).toBe(200);
  const [first] = xmlParser.parse(response.body).service_requests.request;
  expect(first.token).toBeUndefined();
  return first.service_request_id as string;
}

const appealOf = (trackingNo: string) =>
  env.ctx.db.selectFrom('appeals').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();

async function act(id: string, action: string, body: Record<string, unknown>, as = desk.dispatcher) {
  const { version } = (await as.client.get(`/api/appeals/${id}`)).json();
  const response = await as.client.post(`/api/appeals/${id}/${action}`, { version, ...body });
  expect(response.statusCode, response.body).toBe(200);
}

describe('discovery and services', () => {
  it('describes the endpoint, in XML and JSON', async () => {
    const discovery = await fetchBoth('discovery', 'discovery');
    expect(discovery.endpoints[0]).toMatchObject({ url: 'http://localhost:80/open311/v2', formats: ['text/xml', 'application/json'] });
  });

  it('lists the appeal categories as realtime services grouped by appeal type', async () => {
    const services = await fetchBoth('services', 'services');
    expect(services).toContainEqual(
      expect.objectContaining({ service_code: desk.categoryCode, metadata: false, type: 'realtime', group: '投诉' }),
    );
  });

  it('gives a service definition, and 404 in the error form for an unknown code or format', async () => {
    expect(await fetchBoth(`services/${desk.categoryCode}`, 'service_definition')).toEqual({
      service_code: desk.categoryCode,
      attributes: [],
    });
    expect(await fetchBoth('services/no-such-code', 'errors', '', 404)).toEqual([{ code: 404, description: expect.any(String) }]);
    const yaml = await get('services.yaml');
    expect([yaml.statusCode, yaml.headers['content-type']]).toEqual([404, 'text/xml; charset=utf-8']);
    expect(xmlParser.parse(yaml.body).errors.error[0].code).toBe('404');
  });
});

describe('POST requests', () => {
  it('files a FixMyStreet report, whose id the XML reply gives and GET requests/{id}.xml finds', async () => {
    const trackingNo = await fileReport();
    const found = xmlParser.parse((await get(`requests/${trackingNo}.xml`)).body).service_requests.request;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ service_request_id: trackingNo, status: 'open', sub_status: 'received', lat: '39.9087' });
    expect(found[0].description).toContain('139****5678');

    const appeal = await appealOf(trackingNo);
    expect(appeal).toMatchObject({ channel: 'open311', anonymous: 0, publicable: 1, category_code: desk.categoryCode });
    expect(env.ctx.crypto.decrypt(appeal.contact_name_enc!)).toBe('刘建国');
    expect(env.ctx.crypto.decrypt(appeal.contact_phone_enc!)).toBe('13812341234');
    expect(appeal.content).toContain('report_url：https://fms.example.org/report/42');
    expect(appeal.content).toContain('hazard：车辆、行人');
  });

  it('takes api_key from the query string, with a form or a JSON body', async () => {
    const form = new URLSearchParams({ service_code: desk.categoryCode, address_string: '幸福路 8 号', description: '楼道灯不亮' });
    form.append('attribute[floor]', '3');
    form.append('attribute[floor]', '4');
    const fromForm = await post(`requests.json?api_key=${API_KEY}`, form.toString());
    expect(fromForm.statusCode, fromForm.body).toBe(200);
    expectValid('post_response', fromForm.json());
    expect((await appealOf(fromForm.json()[0].service_request_id)).content).toContain('floor：3、4');

    const fromJson = await post(`requests.json?api_key=${API_KEY}`, {
      service_code: desk.categoryCode,
      lat: 39.91,
      long: 116.4,
      first_name: 'John',
      last_name: 'Smith',
      phone: '020 7946 0000',
    });
    expect(fromJson.statusCode, fromJson.body).toBe(200);
    const [created] = fromJson.json();
    expectValid('post_response', fromJson.json());
    expect(created).toEqual({ service_request_id: expect.any(String), service_notice: '派单后 7 个工作日内办理答复', account_id: null });
    // No mainland mobile number to call back on: filed as anonymous, nothing of the contact kept.
    expect(await appealOf(created.service_request_id)).toMatchObject({ anonymous: 1, contact_name_enc: null, contact_phone_enc: null });
  });

  it('answers 403, 404 and 400 in the error form', async () => {
    const remoteAddress = '10.0.0.2';
    const keyed = `requests.json?api_key=${API_KEY}`;
    const place = { service_code: desk.categoryCode, address_string: '东门' };
    const cases: [string, string | object, number][] = [
      ['requests.json', formBody(Object.entries(place)), 403],
      ['requests.json?api_key=wrong', place, 403],
      [keyed, { ...place, service_code: 'no-such-code' }, 404],
      [keyed, { service_code: desk.categoryCode }, 400],
      [keyed, { service_code: desk.categoryCode, lat: 39.9 }, 400],
      [keyed, { service_code: desk.categoryCode, lat: 'north', long: 116.4 }, 400],
    ];
    for (const [path, payload, status] of cases) {
      const response = await post(path, payload, { remoteAddress });
      expect(response.statusCode, `${path} ${JSON.stringify(payload)}`).toBe(status);
      expectValid('errors', response.json());
      expect(response.json()[0].code).toBe(status);
    }
    for (const [type, payload] of [
      ['application/json', '{"service_code": '],
      ['text/plain', 'service_code=x'],
    ]) {
      const unreadable = await post(keyed, payload, { remoteAddress, headers: { 'content-type': type } });
      expect(unreadable.statusCode).toBe(400);
      expectValid('errors', unreadable.json());
    }
    const several = await post(
      `requests.xml?api_key=${API_KEY}`,
      { description: '长'.repeat(4001), lat: 39.9, long: 116.4 },
      { remoteAddress },
    );
    expect(several.statusCode).toBe(400);
    const errors = xmlParser.parse(several.body).errors.error;
    expect(errors.map((error: { description: string }) => error.description.split('：')[0])).toEqual(['service_code', 'description']);
  });

  it('counts against the same per-address limit as the H5 form, answering 429 in the error form', async () => {
    const remoteAddress = '10.0.0.3';
    for (let hit = 0; hit < env.ctx.config.anonymousSubmitsPerHour; hit += 1) {
      await consumeRateLimit(env.ctx.db, `submit:${remoteAddress}`, env.ctx.config.anonymousSubmitsPerHour, 3600, env.clock.now());
    }
    const limited = await post('requests.xml', formBody(fmsReport(desk.categoryCode)), { remoteAddress });
    expect(limited.statusCode).toBe(429);
    expect(xmlParser.parse(limited.body).errors.error[0].code).toBe('429');
    const h5 = await env.app.inject({ method: 'POST', url: '/api/public/appeals', payload: appealBody(desk), remoteAddress });
    expect(h5.statusCode).toBe(429);
  });
});

describe('GET requests', () => {
  it('lists requests in XML and JSON alike, every timestamp with the +08:00 offset', async () => {
    await fileReport();
    const requests = await fetchBoth('requests', 'service_requests');
    expect(requests.length).toBeGreaterThan(0);
    const times = timestamps(requests);
    expect(times.length).toBeGreaterThanOrEqual(requests.length * 2);
    expect(times.every((time) => time.endsWith('+08:00'))).toBe(true);
    expect(timestamps(await fetchBoth('discovery', 'discovery')).every((time) => time.endsWith('+08:00'))).toBe(true);
  });

  it('keeps to the last 90 days by default, at most 90 days on request, and lets service_request_id override', async () => {
    const now = env.clock.now();
    env.clock.set(new Date(Date.parse(TEST_START) - 100 * DAY_MS));
    const old = await fileReport().finally(() => env.clock.set(now));
    const recent = await fileReport();
    const ids = (requests: { service_request_id: string }[]) => requests.map((request) => request.service_request_id);

    expect(ids(await fetchBoth('requests', 'service_requests'))).not.toContain(old);
    // The plus of an offset sent unencoded arrives as a space, and still counts.
    const range = '?start_date=2025-11-01T00:00:00+08:00&end_date=2025-12-01T00:00:00Z';
    expect(ids(await fetchBoth('requests', 'service_requests', range))).toEqual([old]);
    const fromStart = await fetchBoth('requests', 'service_requests', '?start_date=2025-11-01');
    expect(ids(fromStart)).toContain(old);
    expect(ids(fromStart)).not.toContain(recent);
    const both = await fetchBoth(
      'requests',
      'service_requests',
      `?service_request_id=${old},${recent}&status=closed&start_date=2026-01-01`,
    );
    expect(ids(both).sort()).toEqual([old, recent].sort());

    for (const query of [
      '?start_date=2025-01-01&end_date=2025-06-01',
      '?start_date=yesterday',
      '?start_date=2026-03-01&end_date=2026-02-01',
      '?start_date=2026-02-30',
      '?status=pending',
    ]) {
      expect((await fetchBoth('requests', 'errors', query, 400))[0].code).toBe(400);
    }
  });

  it('filters by status after one appeal is moved through the workflow to closed', async () => {
    const trackingNo = await fileReport();
    const { id } = await appealOf(trackingNo);
    await act(id, 'dispatch', { unitId: desk.orgs.unitA.id });
    await act(id, 'sign', {}, desk.handlerA);
    env.clock.advanceMinutes(20);
    await act(id, 'reply', { text: '井盖已更换固定。如仍有问题请拨打 13700001111' }, desk.handlerA);
    await act(id, 'rate', { satisfaction: 'satisfied', resolved: true });

    const closed = await fetchBoth('requests', 'service_requests', '?status=closed');
    expect(closed.every((request: { status: string }) => request.status === 'closed')).toBe(true);
    expect(closed.find((request: { service_request_id: string }) => request.service_request_id === trackingNo)).toMatchObject({
      status: 'closed',
      sub_status: 'closed',
      agency_responsible: desk.orgs.unitA.name,
      status_notes: '井盖已更换固定。如仍有问题请拨打 137****1111',
      updated_datetime: '2026-03-02T10:20:00+08:00',
      expected_datetime: expect.stringMatching(/\+08:00$/),
    });
    const open = await fetchBoth('requests', 'service_requests', '?status=open');
    expect(open.every((request: { status: string }) => request.status === 'open')).toBe(true);
    expect(open.map((request: { service_request_id: string }) => request.service_request_id)).not.toContain(trackingNo);
    const either = await fetchBoth('requests', 'service_requests', '?status=open&status=closed');
    expect(either).toHaveLength(open.length + closed.length);
  });

  it("hides what a citizen did not agree to publish, and never shows anyone's identity", async () => {
    const h5 = await client(env.app).post('/api/public/appeals', appealBody(desk, { publicable: false }));
    const [unpublished] = await fetchBoth(`requests/${h5.json().trackingNo}`, 'service_requests');
    expect(unpublished).toMatchObject({ status: 'open', description: null, address: null, lat: null, long: null });
    const reported = await fileReport();
    await fetchBoth(`requests/${reported}`, 'service_requests');
    await fetchBoth('requests', 'service_requests', `?service_request_id=${reported},${h5.json().trackingNo}`);
    await fetchBoth('requests', 'service_requests');
    expect(await fetchBoth('requests/00000000', 'errors', '', 404)).toHaveLength(1);
    expect(await fetchBoth('tokens/12345', 'errors', '', 404)).toHaveLength(1);
    expect(await fetchBoth('no-such-resource', 'errors', '', 404)).toHaveLength(1);
    // Every GET of the suite so far, this test's included.
    for (const body of getBodies) {
      for (const personal of IDENTITY) {
        expect(body).not.toContain(personal);
      }
    }
  });

  it('answers the first 1000 requests at most', async () => {
    const template = await appealOf(await fileReport());
    const copies = Array.from({ length: 1000 }, (_, index) => ({
      ...template,
      id: crypto.randomUUID(),
      tracking_no: `BULK${String(index).padStart(6, '0')}`,
    }));
    for (let start = 0; start < copies.length; start += 200) {
      await env.ctx.db
        .insertInto('appeals')
        .values(copies.slice(start, start + 200))
        .execute();
    }
    const requests = (await get('requests.json')).json();
    expect(requests).toHaveLength(1000);
    expectValid('service_requests', requests);
  });
});
