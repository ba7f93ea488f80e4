/** RFC 2822 in UTC, as Twilio writes dates: `Tue, 31 Aug 2010 20:36:28 +0000`. */
export function rfc2822(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace('GMT', '+0000');
}
