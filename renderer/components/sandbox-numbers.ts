// The sandbox's number table (main/sandbox/outcomes.ts), repeated here because the page may import
// nothing from main/. Shown as one-click hints on an empty board in sandbox mode.
export const SANDBOX_NUMBERS = [
  { number: '+14155550100', behaviour: 'answers' },
  { number: '+14155550186', behaviour: 'busy' },
  { number: '+14155550187', behaviour: 'noAnswer' },
  { number: '+14155550104', behaviour: 'failed' },
  { number: '+14155550108', behaviour: 'machine' },
] as const;
