// English: a buyer's suggested producers, wish lists, a session's settings and buyers, and the
// automatic schedule (generating, reviewing and publishing a proposal).
import type scheduleVi from './vi-schedule.ts';

const scheduleEn: typeof scheduleVi = {
  buyerSuggestions: {
    title: 'Suggested OCOP producers',
    total: '{count} producer fits | {count} producers fit',
    introInstant:
      'Producers whose products fit what you buy, best first. Pick a free slot to book a meeting, or add them to the list of those you want to meet.',
    introRequest:
      'Producers whose products fit what you buy, best first. In this session producers send meeting requests; add those you want to meet to your list and the organisers will schedule them.',
    empty: 'No producer fits what you buy yet.',
    why: 'Why it fits',
    more: 'Show {count} more producers',
    reasons: {
      category: 'Has {category} products',
      category_any: 'Has products (you buy every category)',
      min_stars_met: '{stars}-star products (you ask for at least {minStars})',
      stars: '{stars}-star products',
      region: 'In a region you buy from: {region}',
      region_nationwide: 'You buy nationwide',
      volume: 'Capacity covers the volume you need',
      no_shared_category: 'Has nothing in the categories you buy',
      stars_below_min: '{category} products below {minStars} stars',
    },
  },
  wishes: {
    title: 'Whom I want to meet',
    count: '{count}/{max}',
    introProducer:
      'The organisers schedule meetings from this list: the buyer you most want to meet first. Pairs who both want to meet come first.',
    introBuyer:
      'The organisers schedule meetings from this list: the producer you most want to meet first. Pairs who both want to meet come first.',
    empty: 'The list is empty.',
    want: 'Want to meet',
    addShort: 'Add',
    addNamed: 'Add {name} to the list of those I want to meet',
    onList: 'On my list',
    addBuyer: 'Add a buyer',
    noBuyer: '— choose a buyer —',
    allListed: 'Every buyer of the session is on the list',
    chooseBuyer: 'Choose a buyer.',
    findProducer: 'Find a producer by name',
    fromSuggestions: 'Or add one from the suggested producers.',
    up: 'Move {name} up',
    down: 'Move {name} down',
    remove: 'Take {name} off the list',
    added: '{name} is on your list.',
    removed: '{name} is off your list.',
    moved: '{name} is now at place {rank}.',
    refused: 'The list was not saved:',
  },
};

export default scheduleEn;
