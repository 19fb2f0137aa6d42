package commands

import (
	"fmt"
	"strings"
)

// lang is a language okbot answers in.
type lang int

const (
	english lang = iota
	korean
	langCount = 2
)

// langs are the languages answers are prepared in.
var langs = [langCount]lang{english, korean}

// langOf is the language for a Discord locale: Korean for "ko", English
// for everything else (Discord's other locales, and none).
func langOf(locale string) lang {
	if strings.EqualFold(locale, "ko") || strings.HasPrefix(strings.ToLower(locale), "ko-") {
		return korean
	}
	return english
}

// code is the language's code in custom_ids.
func (l lang) code() string {
	if l == korean {
		return "ko"
	}
	return "en"
}

func langFromCode(s string) (lang, bool) {
	switch s {
	case "en":
		return english, true
	case "ko":
		return korean, true
	}
	return english, false
}

// msg is one user-facing string, English and Korean side by side. An empty
// ko falls back to en (for strings that read the same in both).
type msg struct{ en, ko string }

func (m msg) in(l lang) string {
	if l == korean && m.ko != "" {
		return m.ko
	}
	return m.en
}

// f formats m; Korean word order may reorder arguments with %[n]s.
func (m msg) f(l lang, args ...any) string { return fmt.Sprintf(m.in(l), args...) }

// localized formats m in both languages, for a command definition.
func (m msg) localized(args ...any) Localized {
	return Localized{EN: m.f(english, args...), KO: m.f(korean, args...)}
}

// The catalog. Prose about the drama comes from the facts; these are the
// words around it.
var (
	// Command and option descriptions, as Discord shows them (1-100
	// characters each).
	msgSeason2Description  = msg{"Is there a Season 2? Official news, the dated record, and fan theories", "시즌 2가 나올까요? 공식 소식, 날짜별 기록, 팬들의 추측"}
	msgCastDescription     = msg{"Who's who: the cast and their characters, or one actor or character in detail", "출연진과 배역을 한눈에 보거나 배우·배역 한 명을 자세히 봐요"}
	msgCastNameDescription = msg{"An actor or character, any spelling or Hangul; leave empty for the whole cast", "배우나 배역 이름(로마자·한글 모두 가능). 비워 두면 전체 출연진"}
	msgRatingsDescription  = msg{"Nielsen Korea TV ratings: all episodes with a chart, or one episode", "닐슨코리아 시청률: 전체 회차와 그래프, 또는 한 회차"}
	msgEpisodeDescription  = msg{"Episode number, 1 to %d; leave empty for all episodes", "회차 번호(1~%d). 비워 두면 전체 회차"}
	msgAboutDescription    = msg{"The drama at a glance: titles, air dates, who made it, awards, where to watch", "작품 한눈에 보기: 제목, 방영 정보, 제작진, 수상, 시청 방법"}
	msgHelpDescription     = msg{"What okbot can tell you, and how to ask", "okbot이 알려 줄 수 있는 것과 사용법"}

	// Shared by every reply.
	msgSources       = msg{"Sources", "출처"}
	msgFooterSources = msg{"Sources: %s", "출처: %s"}
	// The footer names publishers and the Sources field lists pages, so
	// each says which it counts: a publisher may have several pages.
	msgMorePublisher  = msg{"+%d more publisher", "외 매체 %d곳"}
	msgMorePublishers = msg{"+%d more publishers", "외 매체 %d곳"}
	msgMorePage       = msg{"+%d more page", "외 자료 %d건"}
	msgMorePages      = msg{"+%d more pages", "외 자료 %d건"}
	msgAsOf           = msg{"as of %s", "%s 기준"}
	msgTranslated     = msg{"Korean text is okbot's translation of the English", "설명은 okbot이 영어 원문을 번역한 거예요"}
	msgDateNotShown   = msg{"date not shown", "날짜 표기 없음"}
	msgMirrorUpdated  = msg{"%s; mirror updated %s", "%s(미러 갱신일 %s)"}
	msgContinued      = msg{"%s (continued)", "%s (계속)"}
	msgNotes          = msg{"Notes", "참고"}
	msgDiscrepancy    = msg{"⚖️ Sources differ: %s", "⚖️ 출처마다 다름: %s"}
	// msgDiscrepancyOn is msgDiscrepancy for a text that opens with its
	// own heading ("Who counts as a lead: …"), so the two do not stack.
	msgDiscrepancyOn = msg{"⚖️ %s (sources differ): %s", "⚖️ %s(출처마다 다름): %s"}
	msgUnverified    = msg{"⚠️ Could not be verified: %s", "⚠️ 확인되지 않은 정보: %s"}
	// unverifiedLeads are how the facts' own texts say "not verified" up
	// front, in both languages (see reply.claim).
	unverifiedLeads = []string{"Not verified", "Unverified", "확인되지 않", "미확인"}

	// Errors and hints: always ephemeral.
	msgUnknownCommand = msg{
		"I don't know that one. Try /help to see what I can answer.",
		"잘 모르는 명령어예요. `/도움말`에서 쓸 수 있는 명령어를 확인해 보세요.",
	}
	msgStale = msg{
		"These buttons have expired. Run the command again for a fresh answer.",
		"더 이상 쓸 수 없는 버튼이에요. 명령어를 다시 실행해 주세요.",
	}
	msgStaleCommand = msg{
		"These buttons have expired. Run /%s again for a fresh answer.",
		"더 이상 쓸 수 없는 버튼이에요. `/%s` 명령어를 다시 실행해 주세요.",
	}
	msgNotYoursPages = msg{
		"Only the person who ran /%[1]s can turn these pages — run /%[1]s yourself.",
		"이 페이지는 `/%[1]s` 명령어를 실행한 사람만 넘길 수 있어요. 직접 `/%[1]s` 명령어를 실행해 보세요.",
	}
	msgNotYoursTabs = msg{
		"Only the person who ran /%[1]s can switch these sections — run /%[1]s yourself.",
		"이 버튼은 `/%[1]s` 명령어를 실행한 사람만 누를 수 있어요. 직접 `/%[1]s` 명령어를 실행해 보세요.",
	}
	msgApology = msg{
		"Sorry, something went wrong while answering. Please try again in a moment.",
		"죄송해요, 답변하는 중에 문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
	}
	msgPrevious = msg{"◀ Previous", "◀ 이전"}
	msgNext     = msg{"Next ▶", "다음 ▶"}
	msgPageOf   = msg{"(%d/%d)", ""}

	// /season2
	msgS2TabStatus  = msg{"Status", "현황"}
	msgS2TabRecord  = msg{"Full record", "전체 기록"}
	msgS2TabContext = msg{"Background", "관련 배경"}
	msgS2TabHope    = msg{"Why fans hope", "기대하는 이유"}
	msgS2TabAgainst = msg{"Reasons against", "어렵다는 이유"}
	msgS2TabSources = msg{"Sources", "출처"}
	msgS2Title      = msg{"Season 2: %s", "시즌 2: %s"}
	msgS2Status     = msg{"**Status:** %s (as of %s)", "**현황:** %s (%s 기준)"}
	msgS2Context    = msg{"Background fans bring up (not Season 2 news)", "팬들이 함께 언급하는 배경 (시즌 2 소식 아님)"}
	msgS2Latest     = msg{
		"The %d newest of the record's %d items, newest first; **Full record** has them all.",
		"기록 %[2]d건 중 최근 %[1]d건을 최신순으로 보여 드려요. 모두 보려면 **전체 기록**을 눌러 주세요.",
	}
	msgS2RecordTitle  = msg{"Season 2: the full record", "시즌 2: 전체 기록"}
	msgS2RecordIntro  = msg{"Every dated item found, newest first.", "찾은 기록을 모두 최신순으로 보여 드려요."}
	msgS2ContextTitle = msg{"Season 2: background fans bring up", "시즌 2: 팬들이 함께 언급하는 배경"}
	msgS2ContextIntro = msg{
		"Not Season 2 news: context fans raise when they talk about it.",
		"시즌 2 소식은 아니에요. 팬들이 시즌 2 이야기를 할 때 함께 꺼내는 배경이에요.",
	}
	msgS2HopeTitle    = msg{"Season 2: why fans hope", "시즌 2: 팬들이 기대하는 이유"}
	msgS2AgainstTitle = msg{"Season 2: reasons against", "시즌 2: 어렵다고 보는 이유"}
	msgS2Speculation  = msg{
		"🔮 These are fan theories: speculation, not news or fact.",
		"🔮 아래는 팬들의 추측이에요. 공식 소식도, 확인된 사실도 아니에요.",
	}
	msgS2Theory       = msg{"Fan theory", "팬 추측"}
	msgS2NoTheories   = msg{"None recorded.", "기록된 추측이 없어요."}
	msgS2SourcesTitle = msg{"Season 2: sources", "시즌 2: 출처"}
	msgS2SourcesIntro = msg{
		"Everything /season2 says rests on these pages (with their publication dates).",
		"`/시즌2`의 모든 내용은 아래 출처(게시일 포함)를 근거로 해요.",
	}
	msgUndated            = msg{"Undated", "날짜 미상"}
	msgStatusNotAnnounced = msg{"Not announced", "발표 없음"}
	msgStatusConfirmed    = msg{"Confirmed", "제작 확정"}
	msgStatusCancelled    = msg{"Cancelled", "제작 취소"}
	msgEventOfficial      = msg{"Official", "공식"}
	msgEventPress         = msg{"Press", "언론 보도"}
	msgEventClarification = msg{"Clarification", "바로잡기"}
	msgEventCommentary    = msg{"Commentary", "논평"}
	msgEventDubious       = msg{"Unverified, likely fake", "미확인 · 가짜일 가능성 높음"}

	// /cast
	msgCastMain       = msg{"Main cast", "주요 출연진"}
	msgCastSupporting = msg{"Supporting cast", "그 밖의 출연진"}
	msgCastIntro      = msg{
		"Run /cast with a name (actor or character, any spelling) for someone's full card.",
		"`/출연진`에 배우나 배역 이름을 넣으면 한 사람씩 자세히 볼 수 있어요.",
	}
	msgPlaysAs       = msg{"%s as %s", "%s — %s 역"}
	msgPlays         = msg{"Plays", "배역"}
	msgBilling       = msg{"Billing", "비중"}
	msgAlsoSpelled   = msg{"Also spelled", "다른 표기"}
	msgAlsoRomanized = msg{"also %s", "다른 표기: %s"}
	msgPlayedBy      = msg{"Played by", "출연 배우"}
	msgSpoilerField  = msg{"Spoiler: later episodes", "스포일러: 후반부 내용"}
	msgRevealRole    = msg{"%s, as %s", "%s, %s 역"}
	msgSeeNotes      = msg{"(⚖️ sources differ on some details)", "(⚖️ 일부 내용은 출처마다 달라요)"}
	msgNoSuchPerson  = msg{"I couldn't find %s in the cast.", "출연진에서 %s에 해당하는 사람을 찾지 못했어요."}
	msgNoExactMatch  = msg{"No one in the cast is called exactly %s. Did you mean:", "이름이 정확히 %s인 출연자는 없어요. 혹시 아래 출연자를 찾으셨나요?"}
	msgCastTip       = msg{
		"Tip: pick a name from the list that appears as you type, or run /cast without a name to see everyone.",
		"팁: 입력할 때 나타나는 목록에서 이름을 고르거나, 이름 없이 `/출연진`을 실행하면 전체 출연진을 볼 수 있어요.",
	}
	msgBillingLead       = msg{"Lead", "주연"}
	msgBillingMain       = msg{"Main cast", "주요 출연"}
	msgBillingSupporting = msg{"Supporting", "조연"}
	msgBillingGuest      = msg{"Guest", "특별출연"}
	msgBillingCameo      = msg{"Cameo", "카메오"}
	msgBillingChild      = msg{"Child actor", "아역"}
	msgYoungerSelf       = msg{"As a child, played by", "아역"}
	msgChildOf           = msg{"%s as a child", "어린 %s"}

	// /ratings
	msgBadEpisode = msg{
		"There's no such episode — episodes run from 1 to %d.",
		"그런 회차는 없어요. 1회부터 %d회까지 있어요.",
	}
	msgRatingsTitle = msg{"Ratings: %s", "시청률: %s"}
	msgChartCaption = msg{
		"📈 The chart shows each episode's rating and, where a source gives one, its peak minute; the dashed line is the published average.",
		"📈 그래프는 영문으로 표기돼 있어요. Nationwide rating은 회차별 전국 시청률, Peak는 출처가 있는 회차의 분당 최고 시청률, 점선(Published average)은 발표된 평균 시청률이에요. 그래프 아래 영문 설명은 출처와 평균 시청률에 관한 주의 사항이에요.",
	}
	msgChartMissing = msg{
		"📈 The chart could not be drawn this time; the table below has every figure.",
		"📈 이번에는 그래프를 그리지 못했어요. 아래 표에서 모든 수치를 볼 수 있어요.",
	}
	msgAverage           = msg{"Average", "평균 시청률"}
	msgAveragePublished  = msg{"**%s** as published", "발표된 수치: **%s**"}
	msgHighest           = msg{"Highest", "최고 회차"}
	msgLowest            = msg{"Lowest", "최저 회차"}
	msgAllEpisodes       = msg{"All episodes", "전체 회차"}
	msgAboutFigures      = msg{"About these figures", "수치에 대하여"}
	msgEpisode           = msg{"Episode %d", "%d회"}
	msgFinale            = msg{"(finale)", "(최종회)"}
	msgPeakOf            = msg{"peak %s", "최고 %s"}
	msgColEpisode        = msg{"Ep", "회"}
	msgColAired          = msg{"Aired", "방영일"}
	msgColRating         = msg{"Rating", "시청률"}
	msgColPeak           = msg{"Peak", "최고"}
	msgPeakMissing       = msg{"— peak not found in the sources", "— 출처에서 최고 시청률을 찾지 못함"}
	msgEpisodeRating     = msg{"**%s** · %s", ""}
	msgFigureBy          = msg{"%s per %s", "%[2]s 기준 %[1]s"}
	msgPeakNotFound      = msg{"Not found in the sources", "출처에서 찾지 못함"}
	msgParts             = msg{"Split parts", "분할 집계"}
	msgPartsValue        = msg{"%s (first part / second part)", "%s (1부 / 2부)"}
	msgOtherValues       = msg{"Other reported values", "다른 보도 수치와 참고"}
	msgEpisodeTitleField = msg{"Title", "제목"}
	msgNoVerifiedTitle   = msg{"No verified title found in the sources.", "출처에서 확인된 제목이 없어요."}
	msgEpisodeTitles     = msg{"Episode titles", "회차 제목"}
	msgTableDiffers      = msg{
		"* Sources differ on episode %[1]d: `/ratings episode:%[1]d` gives every value.",
		"* %[1]d회는 출처마다 수치가 달라요. `/시청률 회차:%[1]d`에서 모든 값을 볼 수 있어요.",
	}
	msgTableTitleNote = msg{
		"† A note on this title is under **Caveats & notes**.",
		"† 이 제목에 대한 참고 사항은 **주의할 점과 참고**에 있어요.",
	}
	msgRatingsNotesButton = msg{"Caveats & notes", "주의할 점과 참고"}
	msgRatingsNotesTitle  = msg{"Ratings: caveats and notes", "시청률: 주의할 점과 참고"}
	msgTitleLine          = msg{"Ep %d · %s", "%d회 · %s"}
	msgTitlesMissing      = msg{"No verified title for episodes %s.", "%s회는 확인된 제목이 없어요."}

	// /about
	msgAboutTabShow         = msg{"The show", "작품 정보"}
	msgAboutTabProduction   = msg{"Production", "제작"}
	msgAboutTabMusic        = msg{"Music & OST", "음악·OST"}
	msgAboutTabFilming      = msg{"Filming", "촬영"}
	msgAboutTabTales        = msg{"Fairy tales", "동화"}
	msgAboutTabAwards       = msg{"Awards", "수상 및 평가"}
	msgProductionTitle      = msg{"Production", "제작"}
	msgFilmingTitle         = msg{"Filming", "촬영"}
	msgMusicTitle           = msg{"Music & OST", "음악과 OST"}
	msgOSTLabel             = msg{"OST label and producer: %s.", "OST 제작·발매: %s"}
	msgOSTReleases          = msg{"OST releases", "OST 발매 목록"}
	msgOSTPart              = msg{"Part %d", "파트 %d"}
	msgOSTSpecial           = msg{"Special Track Vol. %d", "스페셜 트랙 Vol. %d"}
	msgOSTAlbum             = msg{"Full album", "OST 앨범"}
	msgReleaseDateUnknown   = msg{"⚠️ release date not verified", "⚠️ 발매일은 확인되지 않았다"}
	msgTalesTitle           = msg{"Fairy tales & books", "동화와 책"}
	msgTalesIntro           = msg{"Moon-young's fairy tales, the episodes they belong to, and which became real books.", "고문영의 동화와 각 동화가 나오는 회차, 실제 책으로 출간된 동화를 정리했어요."}
	msgTaleEpisodes         = msg{"Episode %s", "%s회"}
	msgTaleBook             = msg{"📖 Published as a book", "📖 실제 책으로 출간되었다"}
	msgTaleNoBook           = msg{"⚠️ Not verified as a published book", "⚠️ 책으로 출간되었는지는 확인되지 않았다"}
	msgRomanized            = msg{"*%s*", "로마자 표기: *%s*"}
	msgLiterally            = msg{"literally “%s”", "직역하면 “%s”"}
	msgAired                = msg{"%d episodes · %s to %s", "%d부작 · %s ~ %s"}
	msgAwardsTitle          = msg{"Awards & recognition", "수상 및 평가"}
	msgAwardsIntro          = msg{"Wins and nominations are listed apart; anything okbot could not verify is listed on its own.", "수상과 후보 지명을 나눠 정리했어요. 확인되지 않은 내용은 따로 모았어요."}
	msgWins                 = msg{"🏆 Wins", "🏆 수상"}
	msgNominations          = msg{"Nominations", "후보 지명"}
	msgRecognition          = msg{"Other recognition", "그 밖의 평가"}
	msgNotVerifiedList      = msg{"Reported, but not verified", "보도되었지만 확인되지 않음"}
	msgResultWon            = msg{"reported as a win", "수상으로 보도됨"}
	msgCardWins             = msg{"🏆 Awards won", "🏆 수상"}
	msgCardNominations      = msg{"Award nominations", "후보 지명"}
	msgCardUnverifiedAwards = msg{"Awards reported, not verified", "보도되었지만 확인되지 않은 수상·후보"}
	msgResultNominated      = msg{"reported as a nomination", "후보 지명으로 보도됨"}
	msgWhereToWatch         = msg{"Where to watch", "시청 방법"}
	msgRegionCaveat         = msg{
		"Availability varies by region and changes over time, so check Netflix where you are.",
		"시청 가능 여부는 지역과 시기에 따라 달라요. 지금 계신 곳의 넷플릭스에서 확인해 주세요.",
	}
	msgRegionWord     = msg{"region", "지역"}
	msgAboutOkbot     = msg{"About okbot", "okbot 소개"}
	msgAboutOkbotText = msg{
		"okbot answers fans' questions from a fact sheet checked by hand against dated public sources, and every answer names its sources. " +
			"⚖️ marks facts where sources disagree; ⚠️ marks what could not be verified.\n" +
			"Facts checked: %s. Season 2 news as of %s.",
		"okbot은 날짜가 확인된 공개 자료와 하나하나 대조한 정리본으로 팬들의 질문에 답하고, 모든 답변에 출처를 밝혀요. " +
			"⚖️ 표시는 출처마다 내용이 다른 정보, ⚠️ 표시는 확인되지 않은 정보예요.\n" +
			"정보 확인일: %s. 시즌 2 소식: %s 기준.",
	}

	// /help
	msgHelpTitle = msg{"okbot help", "okbot 도움말"}
	msgHelpIntro = msg{
		"I answer fans' questions about %s. Every answer names its sources.",
		"%s에 대한 팬들의 궁금증에 답해 드려요. 모든 답변에 출처를 밝혀요.",
	}
	msgHelpGoodToKnow     = msg{"Good to know", "알아 두면 좋아요"}
	msgHelpGoodToKnowText = msg{
		"⚖️ marks facts where sources disagree; ⚠️ marks what could not be verified.\nOnly the person who ran a command can use its buttons.",
		"⚖️ 표시는 출처마다 내용이 다른 정보, ⚠️ 표시는 확인되지 않은 정보예요.\n버튼은 명령어를 실행한 사람만 누를 수 있어요.",
	}
	msgOptional = msg{"(optional)", "(선택)"}
	msgRequired = msg{"(required)", "(필수)"}

	// /ask
	msgAskDescription         = msg{"Ask a question in your own words; the answer comes from sourced facts only", "궁금한 걸 편하게 물어보세요. 출처가 있는 정보로만 답해요"}
	msgAskQuestionDescription = msg{"Your question, in English or Korean, e.g. who plays the older brother?", "영어나 한국어로 질문해 주세요. 예: 시즌2 나와요?"}
	msgAskUnknown             = msg{
		"I don't have a sourced answer to that, so I won't guess.",
		"그 질문에는 출처가 있는 답이 없어서, 짐작으로 답하지 않을게요.",
	}
	msgAskTry = msg{
		"These might help: `/cast` (who's who), `/ratings` (episodes and figures), `/about` (the show, awards, where to watch), `/season2`.",
		"이런 명령어가 도움이 될 거예요: `/출연진`(배우와 배역), `/시청률`(회차별 수치), `/작품정보`(작품 정보·수상·시청 방법), `/시즌2`.",
	}
	msgAskS2NoDetails = msg{
		"So there is no official release date, plot or cast to tell you about.",
		"그래서 공식 방영일이나 줄거리, 출연진도 아직 알려 드릴 게 없어요.",
	}
	msgAskPlays            = msg{"**%[1]s** plays **%[2]s**.%[3]s", "**%[2]s** 역은 **%[1]s**%[3]s 맡았다."}
	msgAskPlaysRole        = msg{"**%s** appears as %s.", "**%[1]s**: %[2]s 역으로 출연했다."}
	msgAskEpisode          = msg{"%s aired on %s and rated %s.", "%s는 %s에 방영됐고, 시청률은 %s였다."}
	msgAskPeak             = msg{"Its peak minute reached %s.", "분당 최고 시청률은 %s였다."}
	msgAskNoPeak           = msg{"No source gives its peak minute.", "분당 최고 시청률은 출처에서 찾지 못했어요."}
	msgAskHighest          = msg{"The highest-rated episode was %s.", "시청률이 가장 높았던 회차는 %s다."}
	msgAskLowest           = msg{"The lowest-rated episode was %s.", "시청률이 가장 낮았던 회차는 %s다."}
	msgAskNoFigureTitle    = msg{"Not in the sources", "출처에 없는 수치"}
	msgAskNoFigure         = msg{"I don't have that figure; the sources checked do not give it.", "그 수치는 확인한 출처에 없어서 알려 드릴 수 없어요."}
	msgAskAwardsYes        = msg{"Yes. The wins on record:", "네, 기록된 수상 내역이에요."}
	msgAskAwardsNo         = msg{"No. Nominated, but not won:", "아니요, 후보에는 올랐지만 수상하지는 못했어요."}
	msgAskAwardsWins       = msg{"The wins on record:", "기록된 수상 내역이에요."}
	msgAskAwardsNoWins     = msg{"No wins on record; nominated:", "수상 기록은 없고, 후보에 오른 기록이에요."}
	msgAskAwardsUnverified = msg{
		"No verified win. What is reported could not be verified:",
		"확인된 수상은 없어요. 보도된 내용은 확인되지 않았어요.",
	}
	msgAskNoAwards   = msg{"The facts record no award or nomination for that.", "그에 해당하는 수상이나 후보 기록은 없어요."}
	msgAskMoreAwards = msg{"The button shows every award (more nominations: %d; reported but not verified: %d).", "버튼을 누르면 모든 수상 기록을 볼 수 있어요(후보 지명 %d건, 확인되지 않은 보도 %d건 더)."}
	msgAskRan        = msg{"It ran for %d episodes, from %s to %s.", "총 %d부작으로, %s부터 %s까지 방영됐다."}
	msgAskSeeSeason2 = msg{"Season 2 in full", "시즌 2 자세히 보기"}
	msgAskSeeCard    = msg{"Full cast card", "배우 카드 보기"}
	msgAskSeeEpisode = msg{"Episode in full", "회차 자세히 보기"}
	msgAskSeeRatings = msg{"All ratings", "전체 시청률 보기"}
	msgAskSeeAwards  = msg{"All awards", "수상 전체 보기"}
	msgAskSeeShow    = msg{"All show facts", "작품 정보 전체 보기"}
	msgAskSeeWatch   = msg{"Where to watch", "시청 방법 보기"}
	msgAskSeeMaking  = msg{"Production in full", "제작 정보 전체 보기"}
	msgAskSeeMusic   = msg{"Music & OST in full", "음악·OST 전체 보기"}
	msgAskSeeFilming = msg{"Filming in full", "촬영 정보 전체 보기"}
	msgAskSeeTales   = msg{"All fairy tales", "동화 전체 보기"}
	// msgAskSeeAdultCard leads from a child actor to the card of the
	// adult who plays the same character, which lists the younger self.
	msgAskSeeAdultCard    = msg{"%s's card (the adult role)", "%s 배우 카드 보기(성인 역)"}
	msgAskSeeRatingsNotes = msg{"Ratings caveats", "시청률 주의할 점 보기"}
	msgAskPlaysChild      = msg{"**%[1]s** is listed as %[2]s as a child.", "어린 %[2]s 역은 **%[1]s** 배우가 맡은 것으로 알려져 있다."}
	msgAskSungBy          = msg{"**%s** is sung by **%s**.", "**%s** — 부른 가수: **%s**"}
	msgAskNoTale          = msg{"The facts record no fairy tale for episode %d. The tales they do record:", "%d회에 나오는 동화는 기록에 없어요. 기록된 동화는 아래와 같아요."}
	msgAskRemakeSeason2   = msg{"**Season 2:** %s (as of %s). The remake is not a second season.", "**시즌 2:** %s (%s 기준). 리메이크는 시즌 2가 아니다."}
)
