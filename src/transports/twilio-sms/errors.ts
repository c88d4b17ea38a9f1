/**
 * Twilio error code → policy reason, for send-time errors (REST answer `{ code, message, more_info, status }`,
 * https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions) and for `ErrorCode` in
 * status callbacks. Codes per the Twilio error dictionary (https://www.twilio.com/docs/api/errors/<code>).
 * Codes not listed are 'provider_error', retryable when the HTTP status is 5xx/429.
 */
export interface TwilioErrorRule {
  reason: string;
  retryable: boolean;
  /** What Twilio's error dictionary says the code means (for the detail). */
  meaning: string;
}

export const TWILIO_ERRORS: Readonly<Record<number, TwilioErrorRule>> = {
  21211: { reason: 'sms.invalid_address', retryable: false, meaning: "Invalid 'To' phone number" },
  21614: { reason: 'sms.invalid_address', retryable: false, meaning: "'To' number is not a valid mobile number" },
  30005: { reason: 'sms.invalid_address', retryable: false, meaning: 'Unknown destination handset' },
  21610: { reason: 'sms.opted_out', retryable: false, meaning: 'The recipient unsubscribed (replied STOP)' },
  21408: {
    reason: 'sms.not_deliverable',
    retryable: false,
    meaning: "Permission to send an SMS has not been enabled for the region of the 'To' number",
  },
  21612: {
    reason: 'sms.not_deliverable',
    retryable: false,
    meaning: "The 'To' number cannot be reached from this sender",
  },
  30003: { reason: 'sms.not_deliverable', retryable: false, meaning: 'Unreachable destination handset' },
  30004: { reason: 'sms.not_deliverable', retryable: false, meaning: 'Message blocked' },
  30006: { reason: 'sms.not_deliverable', retryable: false, meaning: 'Landline or unreachable carrier' },
  20429: { reason: 'provider_error', retryable: true, meaning: 'Too many requests' },
};

/** The rule for a Twilio error code, if it is one we map. */
export function twilioErrorRule(code: number | undefined): TwilioErrorRule | undefined {
  return code === undefined || !Number.isFinite(code) ? undefined : TWILIO_ERRORS[code];
}
