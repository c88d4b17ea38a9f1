/** Messenger (one Facebook Page) for the contract suite. */
import { metaContractFixture } from './meta-contract.js';

const PAGE_ID = '104857329811223';

export const fixture = metaContractFixture('messenger', PAGE_ID, { pageId: PAGE_ID, accessToken: 'EAAG-page-token' });
