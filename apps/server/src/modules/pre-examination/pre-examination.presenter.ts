import type { PreExamApplication, PreExamClass } from '@innotown/contracts/pre-examination';
import type { preExamClasses } from '../../db/schema/ip-protection.ts';
import type { ApplicationDetail } from './pre-examination.service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentApplication(a: ApplicationDetail): PreExamApplication {
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    kind: a.kind as PreExamApplication['kind'],
    classCode: a.classCode,
    classGroup: a.classGroup,
    applicantCreditCode: a.applicantCreditCode,
    enterpriseId: a.enterpriseId,
    enterpriseName: a.enterpriseName,
    townName: a.townName,
    status: a.status as PreExamApplication['status'],
    round: a.round,
    firstSubmittedAt: a.firstSubmittedAt.toISOString(),
    passedAt: iso(a.passedAt),
    forwardedOn: a.forwardedOn,
    grantedOn: a.grantedOn,
    applicationNumber: a.applicationNumber,
    patentId: a.patentId,
    ...(a.rounds
      ? {
          rounds: a.rounds.map((r) => ({
            round: r.round,
            submittedAt: r.submittedAt.toISOString(),
            note: r.note,
            files: r.files,
            decision: r.decision as 'returned' | 'passed' | null,
            advice: r.advice,
            decidedAt: iso(r.decidedAt),
            decidedByName: r.decidedByName,
          })),
        }
      : {}),
  };
}

export function presentClass(c: typeof preExamClasses.$inferSelect): PreExamClass {
  return { id: c.id, scheme: c.scheme as PreExamClass['scheme'], prefix: c.prefix, label: c.label };
}
