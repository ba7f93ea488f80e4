import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseTwiml, sayDurationSeconds, TwimlError } from '../../../main/sandbox/twiml.ts';
import { parseXml, XmlError } from '../../../main/sandbox/xml.ts';

describe('parseXml', () => {
  test('reads elements, attributes in both quote styles, entities, CDATA and comments', () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
      <!-- a comment --><Response a="1 &amp; 2" b='&#x41;&#66;'><Say>Tom &lt;3 Jerry<![CDATA[ <raw> ]]></Say><Hangup/></Response>`);
    expect(root).toEqual({
      name: 'Response',
      attributes: { a: '1 & 2', b: 'AB' },
      children: [
        { name: 'Say', attributes: {}, children: ['Tom <3 Jerry', ' <raw> '] },
        { name: 'Hangup', attributes: {}, children: [] },
      ],
    });
  });

  test.each([
    ['<Response>', /Unclosed/],
    ['<Response></Say>', /Expected <\/Response>/],
    ['<Response a=1/>', /quoted/],
    ['<Response a="1" a="2"/>', /Duplicate/],
    ['<Response>&nbsp;</Response>', /Unknown entity/],
    ['<Response>a & b</Response>', /Unescaped/],
    ['<Response/><Extra/>', /after the root/],
    ['<!DOCTYPE x><Response/>', /DOCTYPE/],
    ['', /Expected "<"/],
  ])('rejects %j', (source, message) => {
    expect(() => parseXml(source)).toThrow(XmlError);
    expect(() => parseXml(source)).toThrow(message);
  });

  test('never throws anything but XmlError, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', '=', '"', "'", '&', ';', 'a', ' ', '!', '-', '?', '[') }), (source) => {
        try {
          parseXml(source);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlError);
        }
      }),
    );
  });
});

describe('parseTwiml', () => {
  test('maps the supported verbs and skips the others', () => {
    const verbs = parseTwiml(`<Response>
      <Say loop="2">Hello there</Say><Play>https://x/y.mp3</Play><Pause length="3"/>
      <Dial timeout="15" callerId="+15005550006">
        <Number statusCallbackEvent="initiated ringing answered completed" statusCallback="https://app/cb" statusCallbackMethod="GET">+14155550100</Number>
      </Dial>
      <Redirect method="GET">https://app/next</Redirect><Hangup/>
    </Response>`);
    expect(verbs).toEqual([
      { verb: 'say', text: 'Hello there', loop: 2 },
      { verb: 'pause', seconds: 3 },
      {
        verb: 'dial',
        timeoutSeconds: 15,
        callerId: '+15005550006',
        numbers: [{ number: '+14155550100', statusCallback: 'https://app/cb', statusCallbackEvents: ['initiated', 'ringing', 'answered', 'completed'], statusCallbackMethod: 'GET' }],
      },
      { verb: 'redirect', url: 'https://app/next', method: 'GET' },
      { verb: 'hangup' },
    ]);
  });

  test('a bare number in <Dial> is dialed without callbacks, with the default 30 s timeout', () => {
    expect(parseTwiml('<Response><Dial> +14155550186 </Dial></Response>')).toEqual([
      { verb: 'dial', timeoutSeconds: 30, callerId: null, numbers: [{ number: '+14155550186', statusCallback: null, statusCallbackEvents: [], statusCallbackMethod: 'POST' }] },
    ]);
  });

  test.each([
    ['<Say>hi</Say>', /root element must be <Response>/],
    ['<Response><Pause length="soon"/></Response>', /integer/],
    ['<Response><Dial><Number statusCallbackEvent="hungup">+1</Number></Dial></Response>', /Unknown status callback event/],
    ['<Response><Redirect method="PUT">https://x</Redirect></Response>', /GET or POST/],
    ['<Response><Say>', /Malformed TwiML/],
  ])('rejects %j with a clear error', (source, message) => {
    expect(() => parseTwiml(source)).toThrow(TwimlError);
    expect(() => parseTwiml(source)).toThrow(message);
  });

  test('speaking time grows with the words and the loop count', () => {
    expect(sayDurationSeconds('', 1)).toBe(1);
    expect(sayDurationSeconds('one two three four five', 1)).toBe(2);
    expect(sayDurationSeconds('one two three four five', 3)).toBe(6);
  });
});
