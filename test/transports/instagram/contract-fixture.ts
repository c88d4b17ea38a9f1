/** Instagram messaging (Instagram Login) for the contract suite; its own spelling of "outside the window" too. */
import { metaContractFixture } from '../messenger/meta-contract.js';

const IG_ID = '17841405793187218';

export const fixture = metaContractFixture('instagram', IG_ID, { igUserId: IG_ID, accessToken: 'IGQV-user-token' }, [
  [10, 2534022, 'The message is sent outside the 24h messaging window', 'window_closed', false],
]);
